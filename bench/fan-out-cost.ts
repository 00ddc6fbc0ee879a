import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { systemClock } from '../lambdas/adapters/clock.js';
import { DynamoDeliveryLedger } from '../lambdas/adapters/dynamo/dynamo-delivery-ledger.js';
import { SnsNotificationTopic } from '../lambdas/adapters/sns/notification-topic.js';
import type { ChannelEnvelope } from '../lambdas/core/delivery/channel-envelope.js';
import { createEmailPlannerHandler } from '../lambdas/handlers/email/create-email-planner-handler.js';
import { createFanOutHandler } from '../lambdas/handlers/fanout/create-fanout-handler.js';
import { CountingMetrics } from '../local/counting-metrics.js';
import { aConfig } from '../tests/support/builders.js';
import { memoryStores } from '../tests/support/memory/memory-stores.js';
import { RecordingLogger } from '../tests/support/memory/recording-logger.js';
import { anSqsEventOf, aStreamEventOf } from '../tests/support/stream-events.js';
import { subscriberShardCount } from '../lambdas/core/subscribers/subscriber.js';
import { aSubscriber } from '../tests/support/subscribers.js';
import { anOpeningUpdate } from '../tests/support/timeline.js';
import type { Figure } from './figure.js';
import { MemoryTimers } from '../tests/support/memory/memory-timers.js';

const config = aConfig();
const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };

/**
 * Calls the fan-out makes per update (counted with aws-sdk-client-mock), and the calls the email
 * planner makes on its ports to start the update's email delivery, with 10 and with 100,000
 * confirmed subscribers on the list: neither may grow with the audience. Only the later pages and
 * the senders behind them do (see "Email send throughput").
 */
export async function measureFanOutCost(): Promise<Figure> {
  const rows: ({ subscribers: number } & Awaited<ReturnType<typeof costOfOneUpdate>>)[] = [];
  for (const subscribers of [10, 100_000]) rows.push({ subscribers, ...(await costOfOneUpdate(subscribers)) });
  const [few, many] = rows as [(typeof rows)[number], (typeof rows)[number]];
  const constant = rows.every((row) => row.snsPublishes === few.snsPublishes && row.dynamoRequests === few.dynamoRequests && row.plannerStartCalls === few.plannerStartCalls);
  const describe = (row: (typeof rows)[number]) => `${row.snsPublishes} publishes, ${row.dynamoRequests} DynamoDB; planner start ${row.plannerStartCalls} calls`;
  return {
    figure: 'Fan-out cost',
    measured: `100,000 subscribers: ${describe(many)}`,
    baseline: `10 subscribers: ${describe(few)}`,
    ratio: (many.snsPublishes + many.dynamoRequests + many.plannerStartCalls) / (few.snsPublishes + few.dynamoRequests + few.plannerStartCalls),
    ratioMeaning: `× the calls at 100,000 vs 10 subscribers (${constant ? 'constant' : 'NOT constant'}; target exactly 1)`,
    notes: `critical update, email + X + in-app in en and id; the planner's start reads the first page of each of the ${subscriberShardCount} shards and records them in one step (it queues ${few.plannerStartQueued} tasks at 10, ${many.plannerStartQueued} at 100,000: at most 10 batches and one next page per shard)`,
    raw: { rows, constant },
  };
}

async function costOfOneUpdate(subscribers: number) {
  const sns = mockClient(SNSClient);
  const dynamo = mockClient(DynamoDBDocumentClient);
  try {
    sns.on(PublishCommand).resolves({ MessageId: 'bench-message' });
    dynamo.on(PutCommand).resolves({});
    dynamo.on(QueryCommand).resolves({ Items: [] });
    dynamo.on(UpdateCommand).resolves({});
    const stores = memoryStores();
    for (let index = 0; index < subscribers; index++) await stores.subscribers.create(aSubscriber({ locale: index % 2 ? 'id' : 'en' }));
    const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials }));
    const topic = new SnsNotificationTopic(new SNSClient({ region: 'us-east-1', credentials }), 'arn:aws:sns:us-east-1:123456789012:incident-notifications');
    const observability = { logger: new RecordingLogger(), metrics: new CountingMetrics() };
    const update = anOpeningUpdate(config, { impact: 'critical' });
    await createFanOutHandler({ config, ledger: new DynamoDeliveryLedger(db, 'bench'), topic, emailWork: { send: async () => {} }, timers: new MemoryTimers(), clock: systemClock, ...observability })(aStreamEventOf(update));

    await stores.deliveries.putIfAbsent({ incidentId: update.incidentId, seq: 1, channel: 'email', locale: 'en', updateId: update.id, state: 'pending' }, update.createdAt);
    let plannerStartCalls = 0;
    let plannerStartQueued = 0;
    const counted = <T extends object>(port: T): T =>
      new Proxy(port, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? (...args: unknown[]) => (plannerStartCalls++, Reflect.apply(value, target, args)) : value;
        },
      });
    const planner = createEmailPlannerHandler({
      config,
      incidents: counted({ getUpdate: async () => update }),
      subscribers: counted(stores.subscribers),
      ledger: counted(stores.emailLedger),
      work: counted({ planPages: async (tasks) => void (plannerStartQueued += tasks.length), send: async (tasks) => void (plannerStartQueued += tasks.length) }),
      visibility: { delay: async () => {} },
      clock: systemClock,
      ...observability,
    });
    const envelope = JSON.parse(sns.commandCalls(PublishCommand)[0]!.args[0].input.Message!) as ChannelEnvelope;
    await planner(anSqsEventOf(envelope));
    return { snsPublishes: sns.commandCalls(PublishCommand).length, dynamoRequests: dynamo.calls().length, plannerStartCalls, plannerStartQueued };
  } finally {
    sns.restore();
    dynamo.restore();
  }
}
