/**
 * The environment variables the stack sets on the functions, named once: `lib/` writes them and
 * `lambdas/adapters/lambda-environment.ts` reads them.
 *
 * @example
 * environment: { [environmentVariables.tableName]: table.tableName }
 */
export const environmentVariables = {
  tableName: 'TABLE_NAME',
  /** The table of subscribers and per-recipient mail records (no stream). */
  recipientTableName: 'RECIPIENT_TABLE_NAME',
  topicArn: 'TOPIC_ARN',
  xSecretArn: 'X_SECRET_ARN',
  /** The key subscription tokens are derived from (Secrets Manager). */
  tokenSecretArn: 'TOKEN_SECRET_ARN',
  /** The email channel's queues the API, the fan-out and the planner hand work to. */
  emailPlanQueueUrl: 'EMAIL_PLAN_QUEUE_URL',
  emailSendQueueUrl: 'EMAIL_SEND_QUEUE_URL',
  /** The SES configuration set whose events report bounces and complaints. */
  sesConfigurationSet: 'SES_CONFIGURATION_SET',
  /** The status site's bucket, where the public snapshot is published. */
  statusBucketName: 'STATUS_BUCKET_NAME',
  /** Days a feed item is kept (`channels.inapp.feedRetentionDays`), for the in-app function. */
  feedRetentionDays: 'FEED_RETENTION_DAYS',
  /** The value CloudFront adds as `x-origin-verify` to every request it forwards (lib/origin-verification.ts). */
  originVerifySecret: 'ORIGIN_VERIFY_SECRET',
  /** The stage's EventBridge Scheduler group, where the fan-out keeps the timers. */
  scheduleGroupName: 'SCHEDULE_GROUP_NAME',
  /** The function the timers invoke, and the role Scheduler assumes to invoke it. */
  timerFunctionArn: 'TIMER_FUNCTION_ARN',
  schedulerRoleArn: 'SCHEDULER_ROLE_ARN',
  /** Where Scheduler puts a timer it could not deliver. */
  timerDeadLetterQueueArn: 'TIMER_DEAD_LETTER_QUEUE_ARN',
  /** The commanders' topic: reminders of missed "next update by" promises. */
  commandersTopicArn: 'COMMANDERS_TOPIC_ARN',
  /** The webhook delivery queue (FIFO) the webhook planner hands one message per subscriber to. */
  webhookSendQueueUrl: 'WEBHOOK_SEND_QUEUE_URL',
} as const;

/**
 * The global the stack's bundler replaces with the validated configuration (esbuild `define`); the
 * composition roots read it through `lambdas/handlers/config/bundled-config.ts`, which names it literally.
 */
export const bundledConfigIdentifier = '__INCIDENT_COMMS_BUNDLED_CONFIG__';
