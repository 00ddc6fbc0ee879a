import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createSqsClient } from '../adapters/sqs/sqs-client.js';
import { systemClock } from '../adapters/clock.js';
import { DynamoDeliveryLedger } from '../adapters/dynamo/dynamo-delivery-ledger.js';
import { createDocumentClient } from '../adapters/dynamo/document-client.js';
import { readLambdaEnvironment } from '../adapters/lambda-environment.js';
import { PowertoolsLoggerAdapter } from '../adapters/observability/powertools-logger.js';
import { PowertoolsMetricsAdapter } from '../adapters/observability/powertools-metrics.js';
import { withLambdaContext } from '../adapters/observability/with-lambda-context.js';
import { SqsMessageVisibility } from '../adapters/sqs/message-visibility.js';
import { SecretXPoster } from '../adapters/x/secret-x-poster.js';
import { createXChannelHandler } from './x/create-x-channel-handler.js';

const { tableName, xSecretArn } = readLambdaEnvironment();
const logger = new PowertoolsLoggerAdapter();

/** SQS (X queue) → one post per update and X locale, threaded per incident; the secret is read on first post. */
export const handler = withLambdaContext(
  logger,
  createXChannelHandler({
    ledger: new DynamoDeliveryLedger(createDocumentClient(), tableName),
    poster: new SecretXPoster({ secrets: new SecretsManagerClient({}), secretArn: xSecretArn }),
    visibility: new SqsMessageVisibility(createSqsClient()),
    clock: systemClock,
    logger,
    metrics: new PowertoolsMetricsAdapter(),
  }),
);
