import * as z from 'zod/mini';
import '../core/validation/english-issues.js';
import { environmentVariables } from '../core/deployment/environment-variables.js';
import type { StoreTables } from './dynamo/dynamo-stores.js';

const required = z.string().check(z.minLength(1));

const environmentSchema = z.object({
  [environmentVariables.tableName]: required,
  [environmentVariables.recipientTableName]: z.optional(required),
  [environmentVariables.topicArn]: z.optional(required),
  [environmentVariables.xSecretArn]: z.optional(required),
  [environmentVariables.tokenSecretArn]: z.optional(required),
  [environmentVariables.emailPlanQueueUrl]: z.optional(required),
  [environmentVariables.emailSendQueueUrl]: z.optional(required),
  [environmentVariables.sesConfigurationSet]: z.optional(required),
  [environmentVariables.statusBucketName]: z.optional(required),
  [environmentVariables.originVerifySecret]: z.optional(required),
  [environmentVariables.scheduleGroupName]: z.optional(required),
  [environmentVariables.timerFunctionArn]: z.optional(required),
  [environmentVariables.schedulerRoleArn]: z.optional(required),
  [environmentVariables.timerDeadLetterQueueArn]: z.optional(required),
  [environmentVariables.commandersTopicArn]: z.optional(required),
  [environmentVariables.webhookSendQueueUrl]: z.optional(required),
  // Digits, read with Number(): z.coerce would bring its own code into every bundle for one variable.
  [environmentVariables.feedRetentionDays]: z.optional(z.string().check(z.regex(/^[1-9]\d{0,3}$/))),
});

export interface LambdaEnvironment {
  tableName: string;
  recipientTableName: string | undefined;
  topicArn: string | undefined;
  xSecretArn: string | undefined;
  tokenSecretArn: string | undefined;
  emailPlanQueueUrl: string | undefined;
  emailSendQueueUrl: string | undefined;
  sesConfigurationSet: string | undefined;
  statusBucketName: string | undefined;
  originVerifySecret: string | undefined;
  scheduleGroupName: string | undefined;
  timerFunctionArn: string | undefined;
  schedulerRoleArn: string | undefined;
  timerDeadLetterQueueArn: string | undefined;
  commandersTopicArn: string | undefined;
  webhookSendQueueUrl: string | undefined;
  feedRetentionDays: number | undefined;
}

/**
 * The variables the stack sets on the functions (names from `environmentVariables`); a missing
 * table name fails the cold start, loudly.
 *
 * @example
 * const { tableName, topicArn } = readLambdaEnvironment();
 */
export function readLambdaEnvironment(environment: NodeJS.ProcessEnv = process.env): LambdaEnvironment {
  const parsed = environmentSchema.parse(environment);
  return {
    tableName: parsed[environmentVariables.tableName],
    recipientTableName: parsed[environmentVariables.recipientTableName],
    topicArn: parsed[environmentVariables.topicArn],
    xSecretArn: parsed[environmentVariables.xSecretArn],
    tokenSecretArn: parsed[environmentVariables.tokenSecretArn],
    emailPlanQueueUrl: parsed[environmentVariables.emailPlanQueueUrl],
    emailSendQueueUrl: parsed[environmentVariables.emailSendQueueUrl],
    sesConfigurationSet: parsed[environmentVariables.sesConfigurationSet],
    statusBucketName: parsed[environmentVariables.statusBucketName],
    originVerifySecret: parsed[environmentVariables.originVerifySecret],
    scheduleGroupName: parsed[environmentVariables.scheduleGroupName],
    timerFunctionArn: parsed[environmentVariables.timerFunctionArn],
    schedulerRoleArn: parsed[environmentVariables.schedulerRoleArn],
    timerDeadLetterQueueArn: parsed[environmentVariables.timerDeadLetterQueueArn],
    commandersTopicArn: parsed[environmentVariables.commandersTopicArn],
    webhookSendQueueUrl: parsed[environmentVariables.webhookSendQueueUrl],
    feedRetentionDays: parsed[environmentVariables.feedRetentionDays] === undefined ? undefined : Number(parsed[environmentVariables.feedRetentionDays]),
  };
}

/** Both tables, for a function that keeps subscribers or per-recipient mail records. */
export function storeTablesOf(environment: LambdaEnvironment): StoreTables {
  return {
    tableName: environment.tableName,
    recipientTableName: requireVariable(environment.recipientTableName, environmentVariables.recipientTableName, 'subscribers and per-recipient mail records live there'),
  };
}

/** A variable this function cannot run without: the error names it and who sets it. */
export function requireVariable(value: string | undefined, name: string, why: string): string {
  if (!value) throw new Error(`${name} is not set; ${why}. The stack sets it on the function (lib/).`);
  return value;
}
