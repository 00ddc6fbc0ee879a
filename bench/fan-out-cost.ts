import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { PublishCommandInput } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { systemClock } from '../lambdas/adapters/clock.js';
import { DynamoDeliveryLedger } from '../lambdas/adapters/dynamo/dynamo-delivery-ledger.js';
import { CountingMetrics } from '../local/counting-metrics.js';
import { RecordingLogger } from '../tests/support/memory/recording-logger.js';
import { SnsNotificationTopic } from '../lambdas/adapters/sns/notification-topic.js';
import type { FilterPolicy } from '../lambdas/core/channels/channel-catalog.js';
import { emailSubscriptionFilterPolicy, matchesFilterPolicy } from '../lambdas/core/channels/filter-policy.js';
import { createFanOutHandler } from '../lambdas/handlers/fanout/create-fanout-handler.js';
import { aConfig } from '../tests/support/builders.js';
import { aStreamEventOf } from '../tests/support/stream-events.js';
import { anOpeningUpdate } from '../tests/support/timeline.js';
import type { Figure } from './figure.js';

const config = aConfig();
const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };

/**
 * Calls our code makes per update, counted with aws-sdk-client-mock, while the mocked SNS holds N email
 * subscriptions and does the per-address work SNS does (matching each filter policy), so the table
 * shows who pays for N: SNS's deliveries grow with it, our publishes and DynamoDB requests do not.
 */
export async function measureFanOutCost(): Promise<Figure> {
  const rows = [];
  for (const subscribers of [10, 10_000, 1_000_000]) rows.push({ subscribers, ...(await costOfOneUpdate(subscribers)) });
  const [few] = rows;
  const constant = rows.every((row) => row.snsPublishes === few!.snsPublishes && row.dynamoRequests === few!.dynamoRequests);
  return {
    figure: 'Fan-out cost',
    measured: rows.map((row) => `${row.subscribers.toLocaleString('en')}: ${row.snsPublishes} publishes, ${row.dynamoRequests} DynamoDB`).join('; '),
    baseline: `10 subscribers: ${few!.snsPublishes} publishes, ${few!.dynamoRequests} DynamoDB`,
    ratio: rows.at(-1)!.dynamoRequests / few!.dynamoRequests,
    ratioMeaning: `× the calls at 1,000,000 vs 10 subscribers (${constant ? 'constant' : 'NOT constant'})`,
    notes: `critical update, email + X + in-app in en and id; SNS itself delivered ${rows.map((row) => row.snsEmailDeliveries.toLocaleString('en')).join(' / ')} mails`,
    raw: { rows, constant },
  };
}

async function costOfOneUpdate(subscribers: number) {
  const sns = mockClient(SNSClient);
  const dynamo = mockClient(DynamoDBDocumentClient);
  try {
    const subscriptions: FilterPolicy[] = [];
    for (let index = 0; index < subscribers; index++) {
      subscriptions.push(emailSubscriptionFilterPolicy({ locale: index % 2 ? 'id' : 'en', components: index % 3 ? [] : ['chat'] }, config));
    }
    let snsEmailDeliveries = 0;
    sns.on(PublishCommand).callsFake((input: PublishCommandInput) => {
      const attributes = Object.fromEntries(
        Object.entries(input.MessageAttributes ?? {}).map(([name, value]) => [name, value.DataType === 'String.Array' ? JSON.parse(value.StringValue!) : value.StringValue!]),
      );
      for (const policy of subscriptions) if (matchesFilterPolicy(policy, attributes)) snsEmailDeliveries++;
      return { MessageId: `message-${snsEmailDeliveries}` };
    });
    dynamo.on(PutCommand).resolves({});
    dynamo.on(QueryCommand).resolves({ Items: [] });
    dynamo.on(UpdateCommand).resolves({});
    const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials }));
    const topic = new SnsNotificationTopic(new SNSClient({ region: 'us-east-1', credentials }), 'arn:aws:sns:us-east-1:123456789012:incident-notifications');
    await createFanOutHandler({ config, ledger: new DynamoDeliveryLedger(db, 'bench'), topic, clock: systemClock, logger: new RecordingLogger(), metrics: new CountingMetrics() })(
      aStreamEventOf(anOpeningUpdate(config, { impact: 'critical' })),
    );
    return { snsPublishes: sns.commandCalls(PublishCommand).length, dynamoRequests: dynamo.calls().length, snsEmailDeliveries };
  } finally {
    sns.restore();
    dynamo.restore();
  }
}
