import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SNSClient } from '@aws-sdk/client-sns';
import { createSqsClient } from '../adapters/sqs/sqs-client.js';
import { systemClock } from '../adapters/clock.js';
import { DynamoDeliveryLedger } from '../adapters/dynamo/dynamo-delivery-ledger.js';
import { createDocumentClient } from '../adapters/dynamo/document-client.js';
import { readLambdaEnvironment, requireVariable } from '../adapters/lambda-environment.js';
import { PowertoolsLoggerAdapter } from '../adapters/observability/powertools-logger.js';
import { PowertoolsMetricsAdapter } from '../adapters/observability/powertools-metrics.js';
import { withLambdaContext } from '../adapters/observability/with-lambda-context.js';
import { EventBridgeTimerSchedule } from '../adapters/scheduler/eventbridge-timer-schedule.js';
import { SnsNotificationTopic } from '../adapters/sns/notification-topic.js';
import { SqsSendQueue } from '../adapters/sqs/sqs-email-work.js';
import { environmentVariables } from '../core/deployment/environment-variables.js';
import { createFanOutHandler } from './fanout/create-fanout-handler.js';
import { emailSwitchedOff } from './fanout/email-switched-off.js';
import { bundledConfig } from './config/bundled-config.js';

const environment = readLambdaEnvironment();
const topicArn = requireVariable(environment.topicArn, environmentVariables.topicArn, 'the fan-out has nowhere to publish');
// With the email channel off the stack filters mail requests out of the stream and sets no send queue.
const emailWork = environment.emailSendQueueUrl ? new SqsSendQueue(createSqsClient(), environment.emailSendQueueUrl) : emailSwitchedOff;
const logger = new PowertoolsLoggerAdapter();
const timersNeed = 'the fan-out keeps each incident\'s "next update by" timer';
const timers = new EventBridgeTimerSchedule(new SchedulerClient({}), {
  groupName: requireVariable(environment.scheduleGroupName, environmentVariables.scheduleGroupName, timersNeed),
  targetArn: requireVariable(environment.timerFunctionArn, environmentVariables.timerFunctionArn, timersNeed),
  roleArn: requireVariable(environment.schedulerRoleArn, environmentVariables.schedulerRoleArn, timersNeed),
  deadLetterQueueArn: requireVariable(environment.timerDeadLetterQueueArn, environmentVariables.timerDeadLetterQueueArn, timersNeed),
  clock: systemClock,
});

/** DynamoDB stream (new timeline items) → one SNS publish per update and locale, and the update's timers kept. */
export const handler = withLambdaContext(
  logger,
  createFanOutHandler({
    config: bundledConfig,
    ledger: new DynamoDeliveryLedger(createDocumentClient(), environment.tableName),
    topic: new SnsNotificationTopic(new SNSClient({}), topicArn),
    emailWork,
    timers,
    clock: systemClock,
    logger,
    metrics: new PowertoolsMetricsAdapter(),
  }),
);
