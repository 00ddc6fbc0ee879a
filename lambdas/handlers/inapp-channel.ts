import { SQSClient } from '@aws-sdk/client-sqs';
import { systemClock } from '../adapters/clock.js';
import { createDocumentClient } from '../adapters/dynamo/document-client.js';
import { DynamoDeliveryLedger } from '../adapters/dynamo/dynamo-delivery-ledger.js';
import { DynamoFeed } from '../adapters/dynamo/dynamo-feed.js';
import { readLambdaEnvironment } from '../adapters/lambda-environment.js';
import { PowertoolsLoggerAdapter } from '../adapters/observability/powertools-logger.js';
import { PowertoolsMetricsAdapter } from '../adapters/observability/powertools-metrics.js';
import { withLambdaContext } from '../adapters/observability/with-lambda-context.js';
import { SqsMessageVisibility } from '../adapters/sqs/message-visibility.js';
import { createInAppHandler } from './inapp/create-inapp-handler.js';

const { tableName } = readLambdaEnvironment();
const db = createDocumentClient();
const deliveries = new DynamoDeliveryLedger(db, tableName);
const feed = new DynamoFeed(db, tableName);
const logger = new PowertoolsLoggerAdapter();

/** SQS (in-app queue) → one feed item per update and locale. */
export const handler = withLambdaContext(
  logger,
  createInAppHandler({
    ledger: deliveries,
    feed,
    visibility: new SqsMessageVisibility(new SQSClient({})),
    clock: systemClock,
    logger,
    metrics: new PowertoolsMetricsAdapter(),
  }),
);
