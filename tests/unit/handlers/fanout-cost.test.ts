import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../lambdas/adapters/clock.js';
import { DynamoDeliveryLedger } from '../../../lambdas/adapters/dynamo/dynamo-delivery-ledger.js';
import { SnsNotificationTopic } from '../../../lambdas/adapters/sns/notification-topic.js';
import type { ChannelEnvelope } from '../../../lambdas/core/delivery/channel-envelope.js';
import { subscriberShardCount } from '../../../lambdas/core/subscribers/subscriber.js';
import { createEmailPlannerHandler } from '../../../lambdas/handlers/email/create-email-planner-handler.js';
import { createFanOutHandler } from '../../../lambdas/handlers/fanout/create-fanout-handler.js';
import { CountingMetrics } from '../../../local/counting-metrics.js';
import { aConfig } from '../../support/builders.js';
import { memoryStores } from '../../support/memory/memory-stores.js';
import { RecordingLogger } from '../../support/memory/recording-logger.js';
import { anSqsEventOf, aStreamEventOf } from '../../support/stream-events.js';
import { aSubscriber } from '../../support/subscribers.js';
import { anOpeningUpdate } from '../../support/timeline.js';
import { MemoryTimers } from '../../support/memory/memory-timers.js';

const config = aConfig();
const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };
const sns = mockClient(SNSClient);
const dynamo = mockClient(DynamoDBDocumentClient);

/** The port with each method call's name pushed onto `calls`. */
function countingCalls<T extends object>(port: T, name: string, calls: string[]): T {
  return new Proxy(port, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(`${name}.${String(property)}`);
        return Reflect.apply(value, target, args);
      };
    },
  });
}

/**
 * Puts `subscribers` confirmed addresses on the list, then counts what fanning out one update costs:
 * the fan-out's SNS publishes and DynamoDB requests, and the planner's start of the email delivery
 * (what it queues for the first pages). Only the pages and the senders behind them grow with the list.
 */
async function costOfOneUpdate(subscribers: number) {
  sns.reset();
  dynamo.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'message-id' });
  dynamo.on(PutCommand).resolves({});
  dynamo.on(QueryCommand).resolves({ Items: [] });
  dynamo.on(UpdateCommand).resolves({});
  const stores = memoryStores();
  for (let index = 0; index < subscribers; index++) await stores.subscribers.create(aSubscriber({ locale: index % 2 ? 'id' : 'en' }));
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials }));
  const topic = new SnsNotificationTopic(new SNSClient({ region: 'us-east-1', credentials }), 'arn:aws:sns:us-east-1:123456789012:incident-notifications');
  const logger = new RecordingLogger();
  const metrics = new CountingMetrics();
  const update = anOpeningUpdate(config, { impact: 'critical' });
  const fanOut = createFanOutHandler({ config, ledger: new DynamoDeliveryLedger(db, 't'), topic, emailWork: { send: async () => {} }, timers: new MemoryTimers(), clock: systemClock, logger, metrics });
  const { batchItemFailures } = await fanOut(aStreamEventOf(update));
  expect(batchItemFailures).toEqual([]);
  expect(logger.lines.filter((line) => line.level === 'error')).toEqual([]);

  // The planner's start of the email delivery for one published locale: every call it makes on its ports.
  await stores.deliveries.putIfAbsent({ incidentId: update.incidentId, seq: 1, channel: 'email', locale: 'en', updateId: update.id, state: 'pending' }, update.createdAt);
  const plannerCalls: string[] = [];
  let queued = 0;
  const planner = createEmailPlannerHandler({
    config,
    incidents: countingCalls({ getUpdate: async () => update }, 'incidents', plannerCalls),
    subscribers: countingCalls(stores.subscribers, 'subscribers', plannerCalls),
    ledger: countingCalls(stores.emailLedger, 'ledger', plannerCalls),
    work: countingCalls({ planPages: async (tasks) => void (queued += tasks.length), send: async (tasks) => void (queued += tasks.length) }, 'work', plannerCalls),
    visibility: { delay: async () => {} },
    clock: systemClock,
    logger,
    metrics,
  });
  const envelope = JSON.parse(sns.commandCalls(PublishCommand)[0]!.args[0].input.Message!) as ChannelEnvelope;
  expect((await planner(anSqsEventOf(envelope))).batchItemFailures).toEqual([]);
  return {
    snsPublishes: sns.commandCalls(PublishCommand).length,
    dynamoRequests: dynamo.calls().length,
    plannerStartCalls: plannerCalls.sort(),
    plannerStartQueued: queued,
    // What the update records for operators (lag per publish): no more with a bigger audience.
    metrics: metrics.recorded.map(({ name, dimensions }) => ({ name, dimensions })),
  };
}

describe('fan-out cost', () => {
  it('does not depend on the number of email subscribers (10 vs 100,000)', async () => {
    const few = await costOfOneUpdate(10);
    const many = await costOfOneUpdate(100_000);
    expect(few).toMatchObject({ snsPublishes: 2, dynamoRequests: expect.any(Number) });
    expect(few.metrics.filter((metric) => metric.name === 'FanOutLag')).toHaveLength(2);
    // The planner reads the first page of every shard, once, whatever the list.
    expect(few.plannerStartCalls.filter((call) => call === 'subscribers.audiencePage')).toHaveLength(subscriberShardCount);
    const { plannerStartQueued: fewQueued, ...fewCalls } = few;
    const { plannerStartQueued: manyQueued, ...manyCalls } = many;
    expect(manyCalls).toEqual(fewCalls);
    // What it queues grows with the first pages only: at most 10 batches of 50 and one next page per shard.
    expect(fewQueued).toBeLessThanOrEqual(10);
    expect(manyQueued).toBe(subscriberShardCount * (10 + 1));
  }, 120_000);

  it('publishes the envelope itself (every channel is a queue with raw delivery) with the attributes filter policies match', async () => {
    await costOfOneUpdate(0);
    const [first] = sns.commandCalls(PublishCommand);
    const input = first!.args[0].input;
    expect(input.MessageStructure).toBeUndefined();
    expect(input.Subject).toBeUndefined();
    expect(JSON.parse(input.Message!)).toMatchObject({ version: 1, kind: 'apology', locale: 'en' });
    expect(input.MessageAttributes).toMatchObject({
      kind: { DataType: 'String', StringValue: 'apology' },
      locale: { DataType: 'String', StringValue: 'en' },
      channels: { DataType: 'String.Array', StringValue: '["inapp","email","x","webhook"]' },
      components: { DataType: 'String.Array', StringValue: '["chat"]' },
    });
  });

  it('publishes each locale to the FIFO topic in its incident and locale\'s message group, deduplicated per update and locale', async () => {
    await costOfOneUpdate(0);
    const inputs = sns.commandCalls(PublishCommand).map((call) => call.args[0].input);
    const envelopes = inputs.map((input) => JSON.parse(input.Message!) as ChannelEnvelope);
    expect(inputs.map((input) => [input.MessageGroupId, input.MessageDeduplicationId])).toEqual(
      envelopes.map((envelope) => [`${envelope.incidentId}.${envelope.locale}`, `${envelope.updateId}.${envelope.locale}`]),
    );
    expect(new Set(envelopes.map((envelope) => envelope.locale)).size).toBe(inputs.length);
  });
});
