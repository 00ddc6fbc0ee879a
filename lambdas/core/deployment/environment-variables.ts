/**
 * The environment variables the stack sets on the functions, named once: `lib/` writes them and
 * `lambdas/adapters/lambda-environment.ts` reads them.
 *
 * @example
 * environment: { [environmentVariables.tableName]: table.tableName }
 */
export const environmentVariables = {
  tableName: 'TABLE_NAME',
  topicArn: 'TOPIC_ARN',
  xSecretArn: 'X_SECRET_ARN',
} as const;
