import { beforeAll, describe, expect, it } from 'vitest';
import { AwsSolutionsChecks } from 'cdk-nag';
import { channelCatalog } from '../../lambdas/core/channels/channel-catalog.js';
import { visibilityTimeoutPerConsumerTimeout } from '../../lambdas/core/channels/queue-redrive.js';
import { webhookRetryHorizonMs } from '../../lambdas/core/webhooks/webhook-retry.js';
import { webhookQueueMaxReceiveCount, webhookSenderBatchSize, webhookSenderTimeoutSeconds } from '../../lambdas/core/webhooks/webhook-sender-sizing.js';
import type { SynthesizedStack } from './synthesize-stack.js';
import { repositoryConfig, synthesizeStack } from './synthesize-stack.js';
import { logicalIdOf } from '../support/cloudformation-template.js';

type Resource = { Type: string; Properties: Record<string, any> };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: Record<string, any> };

const twoDaysInSeconds = 2 * 24 * 60 * 60;

let synthesized: SynthesizedStack;
let resources: Record<string, Resource>;
/** The stack with the webhook channel switched off. */
let off: SynthesizedStack;
let offResources: Record<string, Resource>;

beforeAll(() => {
  synthesized = synthesizeStack({ stage: 'dev' });
  resources = synthesized.template.toJSON().Resources as Record<string, Resource>;
  const { channels } = repositoryConfig();
  off = synthesizeStack({ config: { channels: { ...channels, webhook: { enabled: false } } } });
  offResources = off.template.toJSON().Resources as Record<string, Resource>;
});

function ofType(type: string, from = resources): [string, Resource][] {
  return Object.entries(from).filter(([, resource]) => resource.Type === type);
}

const logicalId = (type: string, prefix: string) => logicalIdOf({ Resources: resources }, type, prefix);

const functionId = (prefix: string) => logicalId('AWS::Lambda::Function', prefix);
const queueId = (prefix: string) => logicalId('AWS::SQS::Queue', prefix);
const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

/** The statements of every policy attached to the role of the function `fnId`. */
function statementsOf(fnId: string): Statement[] {
  const roleId = resources[fnId]!.Properties.Role['Fn::GetAtt'][0] as string;
  return ofType('AWS::IAM::Policy')
    .filter(([, policy]) => (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

const actionsOf = (statement: Statement) => [statement.Action].flat();
const resourcesOf = (statement: Statement) => [statement.Resource].flat();

/** The event source mapping feeding the function `fnId` from the queue `queue`. */
function mappingOf(fnId: string, queue: string): Record<string, any> {
  const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(
    ([, mapping]) => mapping.Properties.FunctionName.Ref === fnId && JSON.stringify(mapping.Properties.EventSourceArn) === JSON.stringify(arnOf(queue)),
  );
  expect(mappings, `${fnId} ← ${queue}`).toHaveLength(1);
  return mappings[0]![1].Properties;
}

describe('the webhook delivery queue', () => {
  it('is FIFO with SQS-managed encryption, a group per subscriber, and kept long enough for 24 hours of retries', () => {
    const queue = resources[queueId('WebhookSendQueue')]!.Properties;
    expect(queue).toMatchObject({ FifoQueue: true, SqsManagedSseEnabled: true, FifoThroughputLimit: 'perMessageGroupId', DeduplicationScope: 'messageGroup' });
    expect(queue.MessageRetentionPeriod).toBeGreaterThanOrEqual(twoDaysInSeconds);
    expect(queue.MessageRetentionPeriod * 1000).toBeGreaterThan(webhookRetryHorizonMs);
    expect(queue.VisibilityTimeout).toBe(webhookSenderTimeoutSeconds * visibilityTimeoutPerConsumerTimeout);
  });

  it('gives a delivery up to a FIFO dead-letter queue only after the workers\' own last attempt', () => {
    const deadLetterQueue = queueId('WebhookSendDeadLetterQueue');
    expect(resources[queueId('WebhookSendQueue')]!.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: arnOf(deadLetterQueue), maxReceiveCount: webhookQueueMaxReceiveCount });
    expect(resources[deadLetterQueue]!.Properties).toMatchObject({ FifoQueue: true, SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 60 * 60 });
  });

  it('accepts only TLS, like every queue of the stack', () => {
    for (const queue of [queueId('WebhookSendQueue'), queueId('WebhookSendDeadLetterQueue')]) {
      const policy = ofType('AWS::SQS::QueuePolicy').find(([, candidate]) => JSON.stringify(candidate.Properties.Queues) === JSON.stringify([{ Ref: queue }]));
      expect(policy, queue).toBeDefined();
      expect(policy![1].Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });
});

describe('the webhook planner', () => {
  it('drains the webhook channel queue, subscribed to the topic with the catalog\'s filter, and queues deliveries on the delivery queue', () => {
    const planner = functionId('ChannelsWebhookHandler');
    const channelQueue = queueId('ChannelsWebhookQueue');
    expect(mappingOf(planner, channelQueue)).toMatchObject({ BatchSize: channelCatalog.webhook.batchSize, FunctionResponseTypes: ['ReportBatchItemFailures'] });
    synthesized.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      Endpoint: arnOf(channelQueue),
      RawMessageDelivery: true,
      FilterPolicy: { channels: ['webhook'] },
    });
    expect(resources[planner]!.Properties.Environment.Variables.WEBHOOK_SEND_QUEUE_URL).toEqual({ Ref: queueId('WebhookSendQueue') });
    // It receives from its channel queue (the event source) and sends to the delivery queue, nothing else.
    const onQueues = statementsOf(planner).filter((statement) => actionsOf(statement).some((action) => action.startsWith('sqs:')));
    expect(onQueues.map((statement) => [JSON.stringify(statement.Resource), actionsOf(statement).includes('sqs:SendMessage')]).sort()).toEqual(
      [
        [JSON.stringify(arnOf(channelQueue)), false],
        [JSON.stringify(arnOf(queueId('WebhookSendQueue'))), true],
      ].sort(),
    );
  });
});

describe('the webhook workers', () => {
  it('run from the delivery queue in small batches, reporting failures per delivery, at most channels.webhook.maxConcurrency at a time', () => {
    const mapping = mappingOf(functionId('WebhookSender'), queueId('WebhookSendQueue'));
    expect(mapping).toMatchObject({
      BatchSize: webhookSenderBatchSize,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: synthesized.config.channels.webhook.maxConcurrency },
    });
  });

  it('take their concurrency from the configuration', () => {
    const { channels } = repositoryConfig();
    const wider = synthesizeStack({ config: { channels: { ...channels, webhook: { enabled: true, maxConcurrency: 12 } } } });
    const mappings = Object.values(wider.template.findResources('AWS::Lambda::EventSourceMapping')).filter((mapping) =>
      String(mapping.Properties.FunctionName.Ref).startsWith('WebhookSender'),
    );
    expect(mappings.map((mapping) => mapping.Properties.ScalingConfig)).toEqual([{ MaximumConcurrency: 12 }]);
  });

  it('run outside any VPC with the timeout a batch of slow receivers needs, knowing only the tables and the signing key', () => {
    const fn = resources[functionId('WebhookSender')]!.Properties;
    expect(fn.VpcConfig).toBeUndefined();
    expect(fn.Timeout).toBe(webhookSenderTimeoutSeconds);
    expect(fn.MemorySize).toBe(512);
    expect(Object.keys(fn.Environment.Variables).sort()).toEqual(['NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'RECIPIENT_TABLE_NAME', 'STAGE', 'TABLE_NAME', 'TOKEN_SECRET_ARN']);
    expect(fn.Environment.Variables.TOKEN_SECRET_ARN).toEqual({ Ref: logicalId('AWS::SecretsManager::Secret', 'SubscriptionTokensSecret') });
  });

  it('hold no right beyond their table partitions, their own queue and the signing key: no wildcard resource, no VPC or EC2 action, no managed policy', () => {
    const fnId = functionId('WebhookSender');
    const roleId = resources[fnId]!.Properties.Role['Fn::GetAtt'][0] as string;
    expect(resources[roleId]!.Properties.ManagedPolicyArns ?? []).toEqual([]);
    const statements = statementsOf(fnId);
    expect(statements.every((statement) => statement.Effect === 'Allow')).toBe(true);
    const services = new Set(statements.flatMap(actionsOf).map((action) => action.split(':')[0]));
    expect([...services].sort()).toEqual(['dynamodb', 'logs', 'secretsmanager', 'sqs']);

    const sendQueue = arnOf(queueId('WebhookSendQueue'));
    const tables = [arnOf(logicalId('AWS::DynamoDB::GlobalTable', 'StoreTable')), arnOf(logicalId('AWS::DynamoDB::GlobalTable', 'StoreRecipientTable'))].map((arn) => JSON.stringify(arn));
    for (const statement of statements) {
      const on = resourcesOf(statement);
      expect(on, JSON.stringify(statement)).not.toContain('*');
      const service = actionsOf(statement)[0]!.split(':')[0];
      if (service === 'sqs') {
        expect(on).toEqual([sendQueue]);
        expect(actionsOf(statement)).toContain('sqs:ChangeMessageVisibility');
      }
      if (service === 'secretsmanager') {
        expect(actionsOf(statement)).toEqual(['secretsmanager:GetSecretValue']);
        expect(on).toEqual([{ Ref: logicalId('AWS::SecretsManager::Secret', 'SubscriptionTokensSecret') }]);
      }
      if (service === 'dynamodb') {
        // The item actions, each table's held to the partitions the workers build keys in.
        expect(on.map((resource) => JSON.stringify(resource)).every((resource) => tables.includes(resource)), JSON.stringify(statement)).toBe(true);
        expect(statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'], JSON.stringify(statement)).toBeDefined();
      }
    }
    expect(statements.some((statement) => actionsOf(statement).some((action) => /^(ec2|vpc):/.test(action)))).toBe(false);
  });

  it('are the only functions besides the API and the email senders that may read the signing key', () => {
    const secret = logicalId('AWS::SecretsManager::Secret', 'SubscriptionTokensSecret');
    const readers = ofType('AWS::Lambda::Function')
      .filter(([id]) => statementsOf(id).some((statement) => actionsOf(statement).includes('secretsmanager:GetSecretValue') && JSON.stringify(statement.Resource) === JSON.stringify({ Ref: secret })))
      .map(([id]) => id.replace(/Function[0-9A-F]{8}$/, '').replace(/[0-9A-F]{8}$/, ''));
    expect(readers.sort()).toEqual(['ApiHandler', 'EmailSender', 'WebhookSender']);
  });
});

describe('monitoring of webhooks', () => {
  const alarms = () => ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);

  it('alarms on the workers\' and the planner\'s errors and throttles', () => {
    for (const prefix of ['WebhookSender', 'ChannelsWebhookHandler']) {
      for (const metric of ['Errors', 'Throttles']) {
        expect(
          alarms().some((alarm) => alarm.MetricName === metric && alarm.Dimensions?.[0]?.Value?.Ref === functionId(prefix)),
          `${prefix} ${metric}`,
        ).toBe(true);
      }
    }
  });

  it('alarms on a delivery in the dead-letter queue of the delivery queue and of the channel queue', () => {
    for (const queue of [queueId('WebhookSendDeadLetterQueue'), queueId('ChannelsWebhookDeadLetterQueue')]) {
      expect(
        alarms().some(
          (alarm) => alarm.MetricName === 'ApproximateNumberOfMessagesVisible' && JSON.stringify(alarm.Dimensions) === JSON.stringify([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }]),
        ),
        queue,
      ).toBe(true);
    }
  });

  it('alarms on a webhook delivery settled failed, by the channel dimension the workers emit', () => {
    expect(alarms().some((alarm) => alarm.MetricName === 'DeliveryFailed' && alarm.Dimensions.some((dimension: any) => dimension.Name === 'channel' && dimension.Value === 'webhook'))).toBe(true);
  });
});

describe('a deployment with the webhook channel switched off', () => {
  it('builds no webhook queue, planner, worker, alarm or subscription', () => {
    const ids = Object.keys(offResources);
    expect(ids.filter((id) => /^(Webhook|ChannelsWebhook|MonitoringWebhook)/.test(id))).toEqual([]);
    const template = JSON.stringify(offResources);
    expect(template).not.toContain('WEBHOOK_SEND_QUEUE_URL');
    expect(template).not.toContain('"webhook"');
    const subscriptions = (from: Record<string, Resource>) => ofType('AWS::SNS::Subscription', from).filter(([, subscription]) => subscription.Properties.Protocol === 'sqs');
    expect(subscriptions(offResources)).toHaveLength(subscriptions(resources).length - 1);
  });

  it('still passes the cdk-nag AWS Solutions checks', () => {
    expect(new AwsSolutionsChecks().validateScope(off.app).violations.map((violation) => violation.ruleName)).toEqual([]);
  });
});

describe('a deployment with webhooks', () => {
  it('passes the cdk-nag AWS Solutions checks', () => {
    const report = new AwsSolutionsChecks().validateScope(synthesized.app);
    expect(report.violations.map((violation) => `${violation.ruleName}: ${violation.violatingResources.map((resource) => resource.constructPath).join(', ')}`)).toEqual([]);
  });
});
