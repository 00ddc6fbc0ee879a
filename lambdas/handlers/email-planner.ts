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
import { SqsMessageVisibility } from '../adapters/sqs/message-visibility.js';
import { SqsEmailWork } from '../adapters/sqs/sqs-email-work.js';
import { environmentVariables } from '../core/deployment/environment-variables.js';
import { createEmailPlannerHandler } from './email/create-email-planner-handler.js';
import { bundledConfig } from './config/bundled-config.js';

const environment = readLambdaEnvironment();
const db = createDocumentClient();
const tables = storeTablesOf(environment);
// Only the stores this function uses: every other one would be bundled, and loaded at each cold start, for nothing.
const incidents = new DynamoIncidentStore(db, tables.tableName);
const subscribers = new DynamoSubscriberStore(db, tables);
const emailLedger = new DynamoEmailLedger(db, tables);
const sqs = createSqsClient();
const logger = new PowertoolsLoggerAdapter();

/** SQS (the email channel's queue, and its own plan queue) → the recipients of each update, planned page by page. */
export const handler = withLambdaContext(
  logger,
  createEmailPlannerHandler({
    config: bundledConfig,
    incidents,
    subscribers,
    ledger: emailLedger,
    work: new SqsEmailWork(sqs, {
      planQueueUrl: requireVariable(environment.emailPlanQueueUrl, environmentVariables.emailPlanQueueUrl, 'the planner queues its pages there'),
      sendQueueUrl: requireVariable(environment.emailSendQueueUrl, environmentVariables.emailSendQueueUrl, 'the planner queues its send batches there'),
    }),
    visibility: new SqsMessageVisibility(sqs),
    clock: systemClock,
    logger,
    metrics: new PowertoolsMetricsAdapter(),
  }),
);
