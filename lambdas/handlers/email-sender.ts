import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { createSqsClient } from '../adapters/sqs/sqs-client.js';
import { systemClock } from '../adapters/clock.js';
import { createDocumentClient } from '../adapters/dynamo/document-client.js';
import { DynamoEmailLedger } from '../adapters/dynamo/dynamo-email-ledger.js';
import { DynamoIncidentStore } from '../adapters/dynamo/dynamo-incident-store.js';
import { DynamoSubscriberStore } from '../adapters/dynamo/dynamo-subscriber-store.js';
import { readLambdaEnvironment, requireVariable, storeTablesOf } from '../adapters/lambda-environment.js';
import { PowertoolsLoggerAdapter } from '../adapters/observability/powertools-logger.js';
import { PowertoolsMetricsAdapter } from '../adapters/observability/powertools-metrics.js';
import { withLambdaContext } from '../adapters/observability/with-lambda-context.js';
import { SesMailSender } from '../adapters/ses/ses-mail-sender.js';
import { SqsSendQueue } from '../adapters/sqs/sqs-email-work.js';
import { SqsMessageVisibility } from '../adapters/sqs/message-visibility.js';
import { secretSubscriptionTokens } from '../adapters/tokens/secret-subscription-tokens.js';
import { environmentVariables } from '../core/deployment/environment-variables.js';
import { createEmailSenderHandler } from './email/create-email-sender-handler.js';
import { bundledConfig } from './config/bundled-config.js';

const environment = readLambdaEnvironment();
const db = createDocumentClient();
const tables = storeTablesOf(environment);
// Only the stores this function uses: every other one would be bundled, and loaded at each cold start, for nothing.
const incidents = new DynamoIncidentStore(db, tables.tableName);
const subscribers = new DynamoSubscriberStore(db, tables);
const emailLedger = new DynamoEmailLedger(db, tables);
const logger = new PowertoolsLoggerAdapter();
const configurationSet = requireVariable(environment.sesConfigurationSet, environmentVariables.sesConfigurationSet, 'bounces and complaints are reported through it');
const sendQueueUrl = requireVariable(environment.emailSendQueueUrl, environmentVariables.emailSendQueueUrl, 'a throttled batch is put back there');
const publicOrigin = new URL(bundledConfig.statusPageUrl).origin;
const sqs = createSqsClient();

/** SQS (the email send queue) → one mail per recipient through SES, at this worker's share of the account's rate. */
export const handler = withLambdaContext(
  logger,
  createEmailSenderHandler({
    config: bundledConfig,
    incidents,
    subscribers,
    ledger: emailLedger,
    work: new SqsSendQueue(sqs, sendQueueUrl),
    mailSender: new SesMailSender(new SESv2Client({}), configurationSet),
    tokens: secretSubscriptionTokens(new SecretsManagerClient({}), environment.tokenSecretArn),
    publicBaseUrl: () => publicOrigin,
    visibility: new SqsMessageVisibility(sqs),
    clock: systemClock,
    logger,
    metrics: new PowertoolsMetricsAdapter(),
  }),
);
