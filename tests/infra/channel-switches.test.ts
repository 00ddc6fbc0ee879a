import { beforeAll, describe, expect, it } from 'vitest';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { SynthesizedStack } from './synthesize-stack.js';
import { repositoryConfig, synthesizeStack } from './synthesize-stack.js';

let synthesized: SynthesizedStack;

beforeAll(() => {
  synthesized = synthesizeStack({
    config: {
      channels: { email: repositoryConfig().channels.email, x: { enabled: false }, inapp: { enabled: true } },
      alarmEmail: 'oncall@nimbus.example',
    },
  });
});

describe('a deployment with X switched off and an alarm address', () => {
  it('builds no X queue, function or secret, and no XSecretName output', () => {
    const resources = Object.keys(synthesized.template.toJSON().Resources as object);
    expect(resources.filter((id) => id.startsWith('ChannelsX'))).toEqual([]);
    // The one secret left is the subscription-token key.
    const secrets = Object.entries(synthesized.template.findResources('AWS::SecretsManager::Secret')).map(([id]) => id);
    // The subscription-token key and the front door's origin secret remain; the X credentials' secret goes.
    expect(secrets.sort()).toHaveLength(2);
    expect(secrets.map((id) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(['OriginVerificationSecret', 'SubscriptionTokensSecret']);
    expect(Object.keys(synthesized.template.toJSON().Outputs)).not.toContain('XSecretName');
    // The email, in-app and webhook queues.
    synthesized.template.resourcePropertiesCountIs('AWS::SNS::Subscription', { Protocol: 'sqs' }, 3);
  });

  it('mails the alarms to the configured address, the only SNS email subscription of the stack', () => {
    const emailSubscriptions = Object.values(synthesized.template.findResources('AWS::SNS::Subscription', { Properties: { Protocol: 'email' } }));
    expect(emailSubscriptions).toHaveLength(1);
    expect(emailSubscriptions[0]!.Properties.Endpoint).toBe('oncall@nimbus.example');
    const alarmTopic = Object.keys(synthesized.template.findResources('AWS::SNS::Topic')).find((id) => id.startsWith('MonitoringAlarmTopic'));
    expect(emailSubscriptions[0]!.Properties.TopicArn).toEqual({ Ref: alarmTopic });
  });

  it('still passes the cdk-nag AWS Solutions checks', () => {
    expect(new AwsSolutionsChecks().validateScope(synthesized.app).violations.map((violation) => violation.ruleName)).toEqual([]);
  });
});
