import { beforeAll, describe, expect, it } from 'vitest';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { SynthesizedStack } from './synthesize-stack.js';
import { synthesizeStack } from './synthesize-stack.js';

let synthesized: SynthesizedStack;

beforeAll(() => {
  synthesized = synthesizeStack({
    config: {
      channels: { email: { enabled: true }, x: { enabled: false }, inapp: { enabled: true } },
      alarmEmail: 'oncall@nimbus.example',
    },
  });
});

describe('a deployment with X switched off and an alarm address', () => {
  it('builds no X queue, function or secret, and no XSecretName output', () => {
    const resources = Object.keys(synthesized.template.toJSON().Resources as object);
    expect(resources.filter((id) => id.startsWith('ChannelsX'))).toEqual([]);
    synthesized.template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    expect(Object.keys(synthesized.template.toJSON().Outputs)).not.toContain('XSecretName');
    synthesized.template.resourcePropertiesCountIs('AWS::SNS::Subscription', { Protocol: 'sqs' }, 1);
  });

  it('mails the alarms to the configured address', () => {
    synthesized.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@nimbus.example' });
  });

  it('still passes the cdk-nag AWS Solutions checks', () => {
    expect(new AwsSolutionsChecks().validateScope(synthesized.app).violations.map((violation) => violation.ruleName)).toEqual([]);
  });
});
