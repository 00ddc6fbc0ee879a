import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { systemClock } from '../adapters/clock.js';
import { createDocumentClient } from '../adapters/dynamo/document-client.js';
import { DynamoIncidentStore } from '../adapters/dynamo/dynamo-incident-store.js';
import { DynamoWebhookLedger } from '../adapters/dynamo/dynamo-webhook-ledger.js';
import { DynamoWebhookStore } from '../adapters/dynamo/dynamo-webhook-store.js';
import { NodeWebhookPoster } from '../adapters/http/node-webhook-poster.js';
import { readLambdaEnvironment, storeTablesOf } from '../adapters/lambda-environment.js';
import { PowertoolsLoggerAdapter } from '../adapters/observability/powertools-logger.js';
import { PowertoolsMetricsAdapter } from '../adapters/observability/powertools-metrics.js';
import { withLambdaContext } from '../adapters/observability/with-lambda-context.js';
import { SqsMessageVisibility } from '../adapters/sqs/message-visibility.js';
import { createSqsClient } from '../adapters/sqs/sqs-client.js';
import { secretWebhookSecrets } from '../adapters/tokens/secret-webhook-secrets.js';
import { bundledConfig } from './config/bundled-config.js';
import { createWebhookSenderHandler } from './webhooks/create-webhook-sender-handler.js';

const environment = readLambdaEnvironment();
const db = createDocumentClient();
const tables = storeTablesOf(environment);
// Only the stores this function uses: every other one would be bundled, and loaded at each cold start, for nothing.
const incidents = new DynamoIncidentStore(db, tables.tableName);
const webhooks = new DynamoWebhookStore(db, tables.recipientTableName);
const webhookLedger = new DynamoWebhookLedger(db, tables);
const logger = new PowertoolsLoggerAdapter();

/** SQS (the webhook delivery queue) → one signed POST per subscriber and update, to public https addresses only. */
export const handler = withLambdaContext(
  logger,
  createWebhookSenderHandler({
    config: bundledConfig,
    incidents,
    webhooks,
    ledger: webhookLedger,
    poster: new NodeWebhookPoster({ mode: 'deployed' }),
    secrets: secretWebhookSecrets(new SecretsManagerClient({}), environment.tokenSecretArn),
    visibility: new SqsMessageVisibility(createSqsClient()),
    clock: systemClock,
    logger,
    metrics: new PowertoolsMetricsAdapter(),
  }),
);
