import { SNSClient } from '@aws-sdk/client-sns';
import { systemClock } from '../adapters/clock.js';
import { createDocumentClient } from '../adapters/dynamo/document-client.js';
import { DynamoIncidentStore } from '../adapters/dynamo/dynamo-incident-store.js';
import { DynamoPromiseReminders } from '../adapters/dynamo/dynamo-promise-reminders.js';
import { readLambdaEnvironment, requireVariable } from '../adapters/lambda-environment.js';
import { PowertoolsLoggerAdapter } from '../adapters/observability/powertools-logger.js';
import { PowertoolsMetricsAdapter } from '../adapters/observability/powertools-metrics.js';
import { withLambdaContext } from '../adapters/observability/with-lambda-context.js';
import { ulidIds } from '../adapters/ids.js';
import { SnsCommanderAlerts } from '../adapters/sns/sns-commander-alerts.js';
import { environmentVariables } from '../core/deployment/environment-variables.js';
import { bundledConfig } from './config/bundled-config.js';
import { createTimerHandler } from './timers/create-timer-handler.js';

const environment = readLambdaEnvironment();
const commandersTopicArn = requireVariable(environment.commandersTopicArn, environmentVariables.commandersTopicArn, 'missed promises are told to the commanders there');
const db = createDocumentClient();
const logger = new PowertoolsLoggerAdapter();

/** EventBridge Scheduler (one-time schedules) → what the timer does: remind the commanders of a missed promise, move a maintenance window on. */
export const handler = withLambdaContext(
  logger,
  createTimerHandler({
    config: bundledConfig,
    incidents: new DynamoIncidentStore(db, environment.tableName),
    reminders: new DynamoPromiseReminders(db, environment.tableName),
    alerts: new SnsCommanderAlerts(new SNSClient({}), commandersTopicArn),
    ids: ulidIds,
    clock: systemClock,
    logger,
    metrics: new PowertoolsMetricsAdapter(),
  }),
);
