import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../lambdas/adapters/clock.js';
import { DynamoDeliveryLedger } from '../../../lambdas/adapters/dynamo/dynamo-delivery-ledger.js';
import { createDynamoStores } from '../../../lambdas/adapters/dynamo/dynamo-stores.js';
import { ulidIds } from '../../../lambdas/adapters/ids.js';
import { SnsNotificationTopic } from '../../../lambdas/adapters/sns/notification-topic.js';
import { apiRoutes } from '../../../lambdas/handlers/api/api-routes.js';
import { createApiDependencies } from '../../../lambdas/handlers/api/create-api-dependencies.js';
import { createApiHandler } from '../../../lambdas/handlers/api/create-api-handler.js';
import { createFanOutHandler } from '../../../lambdas/handlers/fanout/create-fanout-handler.js';
import { CountingMetrics } from '../../../local/counting-metrics.js';
import { anApiEvent } from '../../support/api-events.js';
import { aConfig } from '../../support/builders.js';
import { RecordingLogger } from '../../support/memory/recording-logger.js';
import { aStreamEventOf } from '../../support/stream-events.js';
import { anOpeningUpdate } from '../../support/timeline.js';

const config = aConfig();
const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };
const sns = mockClient(SNSClient);
const dynamo = mockClient(DynamoDBDocumentClient);

/** Subscribes `subscribers` addresses through the API, then counts what fanning out one update costs. */
async function costOfOneUpdate(subscribers: number) {
  sns.reset();
  dynamo.reset();
  sns.on(SubscribeCommand).resolves({ SubscriptionArn: 'pending confirmation' });
  sns.on(PublishCommand).resolves({ MessageId: 'message-id' });
  dynamo.on(PutCommand).resolves({});
  dynamo.on(QueryCommand).resolves({ Items: [] });
  dynamo.on(UpdateCommand).resolves({});
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials }));
  const topic = new SnsNotificationTopic(new SNSClient({ region: 'us-east-1', credentials }), 'arn:aws:sns:us-east-1:123456789012:incident-notifications');
  const api = createApiHandler(
    createApiDependencies({
      config,
      stores: createDynamoStores(db, 't'),
      subscriptions: topic,
      auth: { mode: 'jwt-authorizer' },
      statusMaxAgeMs: 1000,
      clock: systemClock,
      ids: ulidIds,
      logger: new RecordingLogger(),
    }),
    apiRoutes,
  );
  for (let index = 0; index < subscribers; index++) {
    const result = await api(anApiEvent({ method: 'POST', path: '/v1/subscriptions', body: { email: `reader${index}@example.com`, locale: index % 2 ? 'id' : 'en' } }));
    if (result.statusCode !== 202) throw new Error(result.body);
  }
  expect(sns.commandCalls(SubscribeCommand)).toHaveLength(subscribers);
  dynamo.resetHistory();

  const logger = new RecordingLogger();
  const metrics = new CountingMetrics();
  const fanOut = createFanOutHandler({ config, ledger: new DynamoDeliveryLedger(db, 't'), topic, clock: systemClock, logger, metrics });
  const { batchItemFailures } = await fanOut(aStreamEventOf(anOpeningUpdate(config, { impact: 'critical' })));
  expect(batchItemFailures).toEqual([]);
  expect(logger.lines.filter((line) => line.level === 'error')).toEqual([]);
  return {
    snsPublishes: sns.commandCalls(PublishCommand).length,
    dynamoRequests: dynamo.calls().length,
    // What the update records for operators (lag per publish, email deliveries settled): no more with a bigger audience.
    metrics: metrics.recorded.map(({ name, dimensions }) => ({ name, dimensions })),
  };
}

describe('fan-out cost', () => {
  it('does not depend on the number of email subscribers (10 vs 100,000)', async () => {
    const few = await costOfOneUpdate(10);
    const many = await costOfOneUpdate(100_000);
    expect(few).toEqual({ snsPublishes: 2, dynamoRequests: expect.any(Number), metrics: expect.any(Array) });
    expect(few.metrics.filter((metric) => metric.name === 'FanOutLag')).toHaveLength(2);
    expect(many).toEqual(few);
  }, 120_000);

  it('publishes with MessageStructure json: mail text and subject for email, the envelope for queues', async () => {
    await costOfOneUpdate(0);
    const [first] = sns.commandCalls(PublishCommand);
    const input = first!.args[0].input;
    expect(input.MessageStructure).toBe('json');
    const message = JSON.parse(input.Message!);
    expect(Object.keys(message).sort()).toEqual(['default', 'email', 'sqs']);
    expect(JSON.parse(message.sqs)).toMatchObject({ version: 1, kind: 'apology', locale: 'en' });
    expect(input.Subject).toMatch(/^[\x20-\x7e]{1,99}$/);
    expect(input.MessageAttributes).toMatchObject({
      kind: { DataType: 'String', StringValue: 'apology' },
      locale: { DataType: 'String', StringValue: 'en' },
      channels: { DataType: 'String.Array', StringValue: '["inapp","email","x"]' },
      components: { DataType: 'String.Array', StringValue: '["chat"]' },
    });
  });
});
