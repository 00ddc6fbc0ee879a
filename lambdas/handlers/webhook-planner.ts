import { systemClock } from '../adapters/clock.js';
import { createDocumentClient } from '../adapters/dynamo/document-client.js';
import { DynamoIncidentStore } from '../adapters/dynamo/dynamo-incident-store.js';
import { DynamoWebhookLedger } from '../adapters/dynamo/dynamo-webhook-ledger.js';
import { DynamoWebhookStore } from '../adapters/dynamo/dynamo-webhook-store.js';
import { readLambdaEnvironment, requireVariable, storeTablesOf } from '../adapters/lambda-environment.js';
import { PowertoolsLoggerAdapter } from '../adapters/observability/powertools-logger.js';
import { PowertoolsMetricsAdapter } from '../adapters/observability/powertools-metrics.js';
import { withLambdaContext } from '../adapters/observability/with-lambda-context.js';
import { SqsMessageVisibility } from '../adapters/sqs/message-visibility.js';
import { createSqsClient } from '../adapters/sqs/sqs-client.js';
import { SqsWebhookWork } from '../adapters/sqs/sqs-webhook-work.js';
import { environmentVariables } from '../core/deployment/environment-variables.js';
import { bundledConfig } from './config/bundled-config.js';
import { createWebhookPlannerHandler } from './webhooks/create-webhook-planner-handler.js';

const environment = readLambdaEnvironment();
const db = createDocumentClient();
const tables = storeTablesOf(environment);
// Only the stores this function uses: every other one would be bundled, and loaded at each cold start, for nothing.
const incidents = new DynamoIncidentStore(db, tables.tableName);
const webhooks = new DynamoWebhookStore(db, tables.recipientTableName);
const webhookLedger = new DynamoWebhookLedger(db, tables);
const sqs = createSqsClient();
const logger = new PowertoolsLoggerAdapter();

/** SQS (the webhook channel's FIFO queue) → one delivery message per subscriber who hears the update. */
export const handler = withLambdaContext(
  logger,
  createWebhookPlannerHandler({
    config: bundledConfig,
    incidents,
    webhooks,
    ledger: webhookLedger,
    work: new SqsWebhookWork(sqs, requireVariable(environment.webhookSendQueueUrl, environmentVariables.webhookSendQueueUrl, 'the planner queues each delivery there')),
    visibility: new SqsMessageVisibility(sqs),
    clock: systemClock,
    logger,
    metrics: new PowertoolsMetricsAdapter(),
  }),
);
