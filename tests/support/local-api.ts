import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { apiRoutes } from '../../lambdas/handlers/api/api-routes.js';
import { createApiDependencies } from '../../lambdas/handlers/api/create-api-dependencies.js';
import { createApiHandler } from '../../lambdas/handlers/api/create-api-handler.js';
import type { Config } from '../../lambdas/core/config/config-schema.js';
import { anApiEvent } from './api-events.js';
import { aConfig } from './builders.js';
import { aLocalTable } from './local-table.js';

export const commanderToken = 'integration-token';

/** The real API handler over a fresh DynamoDB Local table, called as API Gateway would. */
export async function anApiOnDynamoDbLocal(config: Config = aConfig()) {
  const table = await aLocalTable();
  const handle = createApiHandler(
    createApiDependencies({
      config,
      db: table.db,
      tableName: table.tableName,
      auth: { mode: 'shared-token', token: commanderToken },
      statusMaxAgeMs: 1000,
      subscriptions: { subscribe: async () => {} },
    }),
    apiRoutes,
    () => {},
  );
  const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}, query = '') => {
    const result = await handle(anApiEvent({ method, path, body, headers, query, commanderToken }));
    return { ...result, json: JSON.parse(result.body) };
  };
  const allItems = async () => (await table.db.send(new ScanCommand({ TableName: table.tableName, ConsistentRead: true }))).Items ?? [];
  return { ...table, handle, request, allItems };
}
