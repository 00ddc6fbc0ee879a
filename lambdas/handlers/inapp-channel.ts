import { createSqsClient } from '../adapters/sqs/sqs-client.js';
import { systemClock } from '../adapters/clock.js';
import { createDocumentClient } from '../adapters/dynamo/document-client.js';
import { DynamoDeliveryLedger } from '../adapters/dynamo/dynamo-delivery-ledger.js';
import { DynamoFeedWriter } from '../adapters/dynamo/dynamo-feed-writer.js';
import { readLambdaEnvironment } from '../adapters/lambda-environment.js';
import { PowertoolsLoggerAdapter } from '../adapters/observability/powertools-logger.js';
import { PowertoolsMetricsAdapter } from '../adapters/observability/powertools-metrics.js';
import { withLambdaContext } from '../adapters/observability/with-lambda-context.js';
import { SqsMessageVisibility } from '../adapters/sqs/message-visibility.js';
import { createInAppHandler } from './inapp/create-inapp-handler.js';

const { tableName, feedRetentionDays } = readLambdaEnvironment();
const db = createDocumentClient();

/** The stack sets it from channels.inapp.feedRetentionDays; without it the cold start fails, loudly. */
function required<Value>(value: Value | undefined, name: string): Value {
  if (value === undefined) throw new Error(`${name} is not set: the stack sets it on the in-app function`);
  return value;
}
const deliveries = new DynamoDeliveryLedger(db, tableName);
const feed = new DynamoFeedWriter(db, tableName);
const logger = new PowertoolsLoggerAdapter();

/** SQS (in-app queue) → one feed item per update and locale. */
export const handler = withLambdaContext(
  logger,
  createInAppHandler({
    ledger: deliveries,
    feed,
    visibility: new SqsMessageVisibility(createSqsClient()),
    clock: systemClock,
    logger,
    metrics: new PowertoolsMetricsAdapter(),
    feedRetentionDays: required(feedRetentionDays, 'FEED_RETENTION_DAYS'),
  }),
);
