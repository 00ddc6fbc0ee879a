import { beforeAll, describe, expect, it } from 'vitest';
import { AwsSolutionsChecks } from 'cdk-nag';
import { channelCatalog } from '../../lambdas/core/channels/channel-catalog.js';
import { maxReceiveCount } from '../../lambdas/core/channels/queue-redrive.js';
import { ConfigError } from '../../lambdas/core/config/parse-config.js';
import { metricNamespace, serviceName } from '../../lambdas/core/observability/metric-catalog.js';
import { sendPace } from '../../lambdas/core/email/send-pace.js';
import { itemTypes, tableDefinition } from '../../lambdas/core/store/table-definition.js';
import { emailSenderFrom, senderSizing } from '../../lib/email-delivery.js';
import { subscriptionTokenKeyLength } from '../../lib/subscription-tokens.js';
import type { SynthesizedStack } from './synthesize-stack.js';
import { repositoryConfig, synthesizeStack } from './synthesize-stack.js';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

let synthesized: SynthesizedStack;
let resources: Record<string, Resource>;

beforeAll(() => {
  synthesized = synthesizeStack({ stage: 'dev' });
  resources = synthesized.template.toJSON().Resources as Record<string, Resource>;
});

function ofType(type: string): [string, Resource][] {
  return Object.entries(resources).filter(([, resource]) => resource.Type === type);
}

/** The logical id of the one resource of `type` whose logical id starts with `prefix`. */
function logicalId(type: string, prefix: string): string {
  const found = ofType(type).filter(([id]) => id.startsWith(prefix));
  expect(found, `${type} ${prefix}*`).toHaveLength(1);
  return found[0]![0];
}

const functionId = (prefix: string) => logicalId('AWS::Lambda::Function', prefix);
const queueId = (prefix: string) => logicalId('AWS::SQS::Queue', prefix);
const roleId = (prefix: string) => logicalId('AWS::IAM::Role', prefix);
const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

/** Every IAM statement of the stack, with the role its policy is attached to. */
function statements(): { role: string; statement: Statement }[] {
  return ofType('AWS::IAM::Policy').flatMap(([, policy]) =>
    (policy.Properties.PolicyDocument.Statement as Statement[]).map((statement) => ({ role: policy.Properties.Roles[0].Ref as string, statement })),
  );
}

const actionsOf = (statement: Statement) => [statement.Action].flat();
const resourcesOf = (statement: Statement) => [statement.Resource].flat();

/** The roles allowed `action` on the resource `resourceId` names (by Ref or GetAtt). */
function rolesAllowed(action: string, resourceId: string): string[] {
  return statements()
    .filter(({ statement }) => statement.Effect === 'Allow' && actionsOf(statement).includes(action) && JSON.stringify(statement.Resource).includes(`"${resourceId}"`))
    .map(({ role }) => role)
    .sort();
}

/** The SES ARN `arn:<partition>:ses:<region>:<account>:<resource>/<Ref of refId>` as the stack writes it. */
const sesArn = (resource: string, refId: string) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:${resource}/`, { Ref: refId }]],
});

describe('the email configuration', () => {
  it('is refused when email is enabled without channels.email.from, naming the field and what to set', () => {
    const config = repositoryConfig({ channels: { email: { enabled: true }, x: { enabled: true }, inapp: { enabled: true } } });
    expect(() => emailSenderFrom(config)).toThrow(ConfigError);
    expect(() => emailSenderFrom(config)).toThrow(/channels\.email\.from must be set[\s\S]*"Nimbus Status <status@nimbus\.example>"[\s\S]*channels\.email\.enabled to false/);
    expect(() => synthesizeStack({ config: { channels: { email: { enabled: true }, x: { enabled: true }, inapp: { enabled: true } } } })).toThrow(ConfigError);
  });

  it('needs no sender when the email channel is switched off', () => {
    expect(emailSenderFrom(repositoryConfig({ channels: { email: { enabled: false }, x: { enabled: true }, inapp: { enabled: true } } }))).toBeUndefined();
  });

  it('sizes the senders from sendPace: its concurrency, batches of 10 tasks, a timeout their pace fits in', () => {
    for (const rate of [14, 50, 500, 3000, 10_000]) {
      const sizing = senderSizing(rate);
      expect(sizing.maxConcurrency, `${rate}/s`).toBe(sendPace(rate).concurrency);
      expect(sizing.batchSize, `${rate}/s`).toBe(10);
      expect(sizing.timeout.toSeconds(), `${rate}/s`).toBeLessThanOrEqual(900);
      // 10 tasks × 50 recipients, each at least one pacing interval apart, must fit.
      expect(sizing.timeout.toSeconds() * 1000, `${rate}/s`).toBeGreaterThan(10 * 50 * sendPace(rate).intervalMs);
    }
    // The SES sandbox's 1 mail/s: 10 tasks would not fit in Lambda's 15 minutes, so fewer do.
    const sandbox = senderSizing(1);
    expect(sandbox.batchSize).toBeGreaterThanOrEqual(1);
    expect(sandbox.batchSize).toBeLessThan(10);
    expect(sandbox.timeout.toSeconds()).toBeLessThanOrEqual(900);
    expect(sandbox.timeout.toSeconds() * 1000).toBeGreaterThan(sandbox.batchSize * 50 * sendPace(1).intervalMs);
    expect(() => senderSizing(0.1)).toThrow(/channels\.email\.maxSendRate/);
  });
});

describe('SES', () => {
  it('verifies the domain of channels.email.from with Easy DKIM (2048-bit) and uses the configuration set by default', () => {
    const identity = resources[logicalId('AWS::SES::EmailIdentity', 'SesIdentity')]!.Properties;
    expect(identity.EmailIdentity).toBe('nimbus.example'); // "Nimbus Status <status@nimbus.example>"
    expect(identity.DkimAttributes).toEqual({ SigningEnabled: true });
    expect(identity.DkimSigningAttributes).toEqual({ NextSigningKeyLength: 'RSA_2048_BIT' });
    expect(identity.ConfigurationSetAttributes).toEqual({ ConfigurationSetName: { Ref: logicalId('AWS::SES::ConfigurationSet', 'SesConfigurationSet') } });
  });

  it('outputs the identity and the three DKIM CNAME names and values to publish', () => {
    const identity = logicalId('AWS::SES::EmailIdentity', 'SesIdentity');
    const outputs = synthesized.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.EmailIdentity!.Value).toEqual({ Ref: identity });
    for (const index of [1, 2, 3]) {
      expect(outputs[`EmailDkim${index}Name`]!.Value).toEqual({ 'Fn::GetAtt': [identity, `DkimDNSTokenName${index}`] });
      expect(outputs[`EmailDkim${index}Value`]!.Value).toEqual({ 'Fn::GetAtt': [identity, `DkimDNSTokenValue${index}`] });
    }
  });

  it('has a configuration set with reputation metrics and TLS required, reporting bounces and complaints to the default event bus', () => {
    const configurationSet = logicalId('AWS::SES::ConfigurationSet', 'SesConfigurationSet');
    expect(resources[configurationSet]!.Properties).toMatchObject({
      ReputationOptions: { ReputationMetricsEnabled: true },
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
    });
    const [[, destination]] = ofType('AWS::SES::ConfigurationSetEventDestination') as [[string, Resource]];
    expect(destination.Properties.ConfigurationSetName).toEqual({ Ref: configurationSet });
    expect(destination.Properties.EventDestination.Enabled).toBe(true);
    expect([...destination.Properties.EventDestination.MatchingEventTypes].sort()).toEqual(['bounce', 'complaint']);
    expect(JSON.stringify(destination.Properties.EventDestination.EventBridgeDestination.EventBusArn)).toContain(':event-bus/default');
  });
});

describe('the SES events', () => {
  it('reach the SES events function through a rule for this configuration set\'s bounces and complaints only, with retries and a dead-letter queue', () => {
    const [[ruleId, rule]] = ofType('AWS::Events::Rule') as [[string, Resource]];
    const deadLetterQueue = queueId('SesEventsDeadLetterQueue');
    expect(rule.Properties.EventPattern).toEqual({
      source: ['aws.ses'],
      'detail-type': ['Email Bounced', 'Email Complaint Received'],
      detail: { mail: { tags: { 'ses:configuration-set': [{ Ref: logicalId('AWS::SES::ConfigurationSet', 'SesConfigurationSet') }] } } },
    });
    expect(rule.Properties.EventBusName ?? 'default').toBe('default');
    expect(rule.Properties.Targets).toHaveLength(1);
    const [target] = rule.Properties.Targets;
    expect(target.Arn).toEqual(arnOf(functionId('SesEventsHandler')));
    expect(target.DeadLetterConfig).toEqual({ Arn: arnOf(deadLetterQueue) });
    expect(target.RetryPolicy.MaximumRetryAttempts).toBeGreaterThan(0);
    expect(target.RetryPolicy.MaximumEventAgeInSeconds).toBeGreaterThan(0);
    synthesized.template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: arnOf(functionId('SesEventsHandler')),
      Principal: 'events.amazonaws.com',
      SourceArn: arnOf(ruleId),
    });
    // A failing invocation, after Lambda's own retries, lands in the same queue, the event as its body.
    expect(resources[functionId('SesEventsHandler')]!.Properties.DeadLetterConfig).toEqual({ TargetArn: arnOf(deadLetterQueue) });
  });

  it('dead-letter into a TLS-only, encrypted queue only that rule may send to', () => {
    const deadLetterQueue = queueId('SesEventsDeadLetterQueue');
    expect(resources[deadLetterQueue]!.Properties.SqsManagedSseEnabled).toBe(true);
    const [[, policy]] = ofType('AWS::SQS::QueuePolicy').filter(([, candidate]) => candidate.Properties.Queues[0].Ref === deadLetterQueue) as [[string, Resource]];
    const policyStatements = policy.Properties.PolicyDocument.Statement as (Statement & { Principal: unknown; Condition: unknown })[];
    expect(policyStatements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Condition: { ArnEquals: { 'aws:SourceArn': arnOf(logicalId('AWS::Events::Rule', 'SesEventsRule')) } },
        }),
      ]),
    );
  });
});

describe('the email queues', () => {
  const queues = {
    // The email channel's SNS-fed queue (built from the channel catalog), drained by the planner.
    channel: { prefix: 'ChannelsEmail', consumer: 'ChannelsEmailHandler' },
    plan: { prefix: 'EmailPlan', consumer: 'ChannelsEmailHandler' },
    send: { prefix: 'EmailSend', consumer: 'EmailSender' },
  };

  it('each have a dead-letter queue after maxReceiveCount receives, SQS-managed encryption, TLS only and 6x their consumer timeout', () => {
    for (const [name, { prefix, consumer }] of Object.entries(queues)) {
      const queue = queueId(`${prefix}Queue`);
      const deadLetterQueue = queueId(`${prefix}DeadLetterQueue`);
      expect(resources[queue]!.Properties.RedrivePolicy, name).toEqual({ deadLetterTargetArn: arnOf(deadLetterQueue), maxReceiveCount });
      expect(resources[queue]!.Properties.VisibilityTimeout, name).toBeGreaterThanOrEqual(6 * resources[functionId(consumer)]!.Properties.Timeout);
      for (const id of [queue, deadLetterQueue]) {
        expect(resources[id]!.Properties.SqsManagedSseEnabled, id).toBe(true);
        const policies = ofType('AWS::SQS::QueuePolicy').filter(([, policy]) => policy.Properties.Queues[0].Ref === id);
        expect(
          policies.some(([, policy]) =>
            policy.Properties.PolicyDocument.Statement.some((statement: any) => statement.Effect === 'Deny' && statement.Condition?.Bool?.['aws:SecureTransport'] === 'false'),
          ),
          id,
        ).toBe(true);
      }
    }
  });

  it('subscribe the channel queue to the topic with the catalog\'s email filter policy', () => {
    synthesized.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      Endpoint: arnOf(queueId('ChannelsEmailQueue')),
      FilterPolicy: channelCatalog.email.filterPolicy(synthesized.config),
      RawMessageDelivery: true,
    });
  });

  it('feed the planner from the channel queue and the plan queue, and the senders from the send queue, with partial batch responses', () => {
    const mappings = ofType('AWS::Lambda::EventSourceMapping').map(([, mapping]) => mapping.Properties);
    const mappingOf = (queue: string) => mappings.find((mapping) => JSON.stringify(mapping.EventSourceArn) === JSON.stringify(arnOf(queueId(queue))));
    for (const queue of ['ChannelsEmailQueue', 'EmailPlanQueue']) {
      expect(mappingOf(queue), queue).toMatchObject({ FunctionName: { Ref: functionId('ChannelsEmailHandler') }, FunctionResponseTypes: ['ReportBatchItemFailures'] });
    }
    const pace = sendPace(synthesized.config.channels.email.maxSendRate);
    expect(mappingOf('EmailSendQueue')).toMatchObject({
      FunctionName: { Ref: functionId('EmailSender') },
      BatchSize: 10,
      ScalingConfig: { MaximumConcurrency: pace.concurrency },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(pace.concurrency).toBeGreaterThanOrEqual(2);
    expect(pace.concurrency).toBeLessThanOrEqual(1000);
  });

  it('may be sent to exactly by whom the flow says: the planner to the plan and send queues, the fan-out and the senders (a batch put back) to the send queue only', () => {
    const planner = roleId('ChannelsEmailHandlerRole');
    const fanout = roleId('FanoutHandlerRole');
    const sender = roleId('EmailSenderRole');
    expect(rolesAllowed('sqs:SendMessage', queueId('EmailPlanQueue'))).toEqual([planner]);
    expect(rolesAllowed('sqs:SendMessage', queueId('EmailSendQueue'))).toEqual([sender, fanout, planner].sort());
    // The channel queue is fed by SNS (its queue policy), never by a function.
    expect(rolesAllowed('sqs:SendMessage', queueId('ChannelsEmailQueue'))).toEqual([]);
    const fanoutEnvironment = resources[functionId('FanoutHandler')]!.Properties.Environment.Variables;
    expect(fanoutEnvironment.EMAIL_PLAN_QUEUE_URL).toBeUndefined();
    expect(fanoutEnvironment.EMAIL_SEND_QUEUE_URL).toEqual({ Ref: queueId('EmailSendQueue') });
    const senderEnvironment = resources[functionId('EmailSender')]!.Properties.Environment.Variables;
    expect(senderEnvironment.EMAIL_SEND_QUEUE_URL).toEqual({ Ref: queueId('EmailSendQueue') });
  });
});

describe('the senders\' rights', () => {
  it('allow ses:SendEmail on exactly the identity and the configuration set, and nothing else of SES to anyone', () => {
    const ses = statements().filter(({ statement }) => actionsOf(statement).some((action) => action.toLowerCase().startsWith('ses:')));
    expect(ses).toHaveLength(1);
    const [{ role, statement }] = ses as [{ role: string; statement: Statement }];
    expect(role).toBe(roleId('EmailSenderRole'));
    expect(statement.Effect).toBe('Allow');
    expect(actionsOf(statement)).toEqual(['ses:SendEmail']);
    expect(resourcesOf(statement)).toHaveLength(2);
    expect(resourcesOf(statement)).toEqual(
      expect.arrayContaining([
        sesArn('identity', logicalId('AWS::SES::EmailIdentity', 'SesIdentity')),
        sesArn('configuration-set', logicalId('AWS::SES::ConfigurationSet', 'SesConfigurationSet')),
      ]),
    );
    expect(JSON.stringify(statement.Resource)).not.toContain('*');
  });

  it('keep the subscription-token key in a generated secret only the API, the senders and the webhook workers (signing secrets) may read', () => {
    const secret = logicalId('AWS::SecretsManager::Secret', 'SubscriptionTokensSecret');
    const generated = resources[secret]!.Properties.GenerateSecretString;
    expect(generated.PasswordLength).toBeGreaterThanOrEqual(48);
    expect(generated.PasswordLength).toBe(subscriptionTokenKeyLength);
    // The whole SecretString is the key: no JSON template around it.
    expect(generated.SecretStringTemplate).toBeUndefined();
    expect(rolesAllowed('secretsmanager:GetSecretValue', secret)).toEqual([roleId('ApiHandlerRole'), roleId('EmailSenderRole'), roleId('WebhookSenderRole')].sort());
    for (const fn of ['ApiHandler', 'EmailSender', 'WebhookSender']) {
      expect(resources[functionId(fn)]!.Properties.Environment.Variables.TOKEN_SECRET_ARN, fn).toEqual({ Ref: secret });
    }
    for (const fn of ['FanoutHandler', 'ChannelsEmailHandler', 'SesEventsHandler', 'ChannelsWebhookHandler']) {
      expect(resources[functionId(fn)]!.Properties.Environment.Variables.TOKEN_SECRET_ARN, fn).toBeUndefined();
    }
  });

  it('leave nothing of SNS email: no email subscription but the optional alarm one', () => {
    // The repository configuration sets no alarmEmail (channel-switches.test.ts covers the one it adds).
    expect(synthesized.config.alarmEmail).toBeUndefined();
    expect(ofType('AWS::SNS::Subscription').filter(([, subscription]) => ['email', 'email-json'].includes(subscription.Properties.Protocol))).toEqual([]);
    expect(statements().filter(({ statement }) => actionsOf(statement).includes('sns:Subscribe'))).toEqual([]);
  });
});

describe('monitoring of email', () => {
  const alarms = () => ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);

  it('alarms on the dead-letter queues of the three email queues and of the SES events target', () => {
    for (const prefix of ['ChannelsEmailDeadLetterQueue', 'EmailPlanDeadLetterQueue', 'EmailSendDeadLetterQueue', 'SesEventsDeadLetterQueue']) {
      synthesized.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId(prefix), 'QueueName'] } }],
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    }
  });

  it('alarms on the SES account\'s bounce rate at 5 % and complaint rate at 0.1 %', () => {
    const ses = (name: string) => alarms().filter((alarm) => alarm.Namespace === 'AWS/SES' && alarm.MetricName === name);
    expect(ses('Reputation.BounceRate')).toHaveLength(1);
    expect(ses('Reputation.BounceRate')[0]).toMatchObject({ Threshold: 0.05, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    expect(ses('Reputation.ComplaintRate')).toHaveLength(1);
    expect(ses('Reputation.ComplaintRate')[0]).toMatchObject({ Threshold: 0.001, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    // Account-level: the rates AWS judges the account by carry no dimension.
    for (const alarm of [...ses('Reputation.BounceRate'), ...ses('Reputation.ComplaintRate')]) {
      expect(alarm.Dimensions).toBeUndefined();
      expect(alarm.TreatMissingData).toBe('notBreaching');
    }
  });

  it('alarms on send throttles only when they last', () => {
    const throttled = alarms().filter((alarm) => alarm.Namespace === metricNamespace && alarm.MetricName === 'MailThrottled');
    expect(throttled).toHaveLength(1);
    expect(throttled[0]).toMatchObject({ Statistic: 'Sum', Dimensions: [{ Name: 'service', Value: serviceName }], Threshold: 1 });
    expect(throttled[0]!.EvaluationPeriods).toBeGreaterThanOrEqual(3);
    expect(throttled[0]!.DatapointsToAlarm).toBe(throttled[0]!.EvaluationPeriods);
  });

  it('says in every alarm description what to do, pointing at docs/operations.md', () => {
    for (const alarm of alarms()) expect(alarm.AlarmDescription, alarm.MetricName).toContain('docs/operations.md');
  });

  it('shows the email functions and the SES reputation on the dashboard', () => {
    const [[, dashboard]] = ofType('AWS::CloudWatch::Dashboard') as [[string, Resource]];
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    for (const fn of ['ChannelsEmailHandler', 'EmailSender', 'SesEventsHandler']) expect(body, fn).toContain(functionId(fn));
    expect(body).toContain('Reputation.BounceRate');
    expect(body).toContain('Reputation.ComplaintRate');
    expect(body).toContain('MailThrottled');
  });
});

describe('the acknowledged cdk-nag findings', () => {
  it('acknowledge no SES action and no "*" resource for sending', () => {
    const acknowledged = synthesized.app.node
      .findAll()
      .flatMap((construct) =>
        construct.node.metadata
          .filter((entry) => entry.type === 'aws:cdk:acknowledged-rules')
          .flatMap((entry) => Object.keys(entry.data as Record<string, string>).map((id) => ({ path: construct.node.path, id }))),
      );
    expect(acknowledged.filter(({ id }) => /ses:/i.test(id))).toEqual([]);
    // The only Resource::* acknowledged is aws-cdk-lib's BucketDeployment handler (CloudFront invalidations).
    expect(acknowledged.filter(({ id }) => id.includes('Resource::*]')).every(({ path }) => path.includes('Custom::CDKBucketDeployment'))).toBe(true);
    // What the email constructs acknowledge, each for a reason that holds: the runtime pin, no rotation of the token key, a queue that is itself a DLQ.
    // (No table wildcard: each function's grant names the table and its indexes one by one.)
    const emailFindings = new Set(
      acknowledged.filter(({ path }) => /\/(EmailSender|Ses|SesEvents|SubscriptionTokens)\//.test(`${path}/`)).map(({ id }) => id.replace(/^Annotation::/, '').replace(/<Store(Recipient)?Table\w+\.Arn>/, '<Store$1Table.Arn>')),
    );
    expect([...emailFindings].sort()).toEqual([
      'AwsSolutions-L1',
      'AwsSolutions-SMG4',
      'AwsSolutions-SQS3',
    ]);
  });
});

describe('a deployment with the email channel switched off', () => {
  let off: SynthesizedStack;
  let offResources: Record<string, Resource>;

  beforeAll(() => {
    off = synthesizeStack({ config: { channels: { email: { enabled: false }, x: { enabled: true }, inapp: { enabled: true } } } });
    offResources = off.template.toJSON().Resources as Record<string, Resource>;
  });

  it('builds nothing of SES and no email queue or function', () => {
    const ids = Object.keys(offResources);
    expect(ids.filter((id) => /^(Ses|Email|ChannelsEmail)/.test(id))).toEqual([]);
    expect(Object.values(offResources).filter((resource) => resource.Type.startsWith('AWS::SES::'))).toEqual([]);
    // The one EventBridge rule left is the snapshot's tick: no SES event rule.
    expect(Object.values(offResources).filter((resource) => resource.Type === 'AWS::Events::Rule').map((rule) => rule.Properties.ScheduleExpression)).toEqual(['rate(1 minute)']);
    expect(Object.keys(off.template.toJSON().Outputs).filter((output) => output.startsWith('Email'))).toEqual([]);
  });

  it('lets timeline updates and redrives through the stream filter, no mail requests (no one sends them)', () => {
    off.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FilterCriteria: {
        Filters: [itemTypes.update, itemTypes.redriveRequest].map((type) => ({
          Pattern: JSON.stringify({ eventName: ['INSERT'], dynamodb: { NewImage: { [tableDefinition.typeAttribute]: { S: [type] } } } }),
        })),
      },
    });
  });

  it('still passes the cdk-nag AWS Solutions checks', () => {
    expect(new AwsSolutionsChecks().validateScope(off.app).violations.map((violation) => violation.ruleName)).toEqual([]);
  });
});
