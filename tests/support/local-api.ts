import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { systemClock } from '../../lambdas/adapters/clock.js';
import { createDynamoStores } from '../../lambdas/adapters/dynamo/dynamo-stores.js';
import { ulidIds } from '../../lambdas/adapters/ids.js';
import type { Config } from '../../lambdas/core/config/config-schema.js';
import { apiRoutes } from '../../lambdas/handlers/api/api-routes.js';
import { createApiDependencies } from '../../lambdas/handlers/api/create-api-dependencies.js';
import { createApiHandler } from '../../lambdas/handlers/api/create-api-handler.js';
import { anApiEvent } from './api-events.js';
import { aConfig } from './builders.js';
import { aLocalTable } from './local-table.js';
import { RecordingLogger } from './memory/recording-logger.js';

export const commanderToken = 'integration-token';

/** The real API handler over a fresh DynamoDB Local table, called as API Gateway would. */
export async function anApiOnDynamoDbLocal(config: Config = aConfig()) {
  const table = await aLocalTable();
  const logger = new RecordingLogger();
  const handle = createApiHandler(
    createApiDependencies({
      config,
      stores: createDynamoStores(table.db, table.tableName),
      subscriptions: { subscribe: async () => {} },
      auth: { mode: 'shared-token', token: commanderToken },
      statusMaxAgeMs: 1000,
      clock: systemClock,
      ids: ulidIds,
      logger,
    }),
    apiRoutes,
  );
  const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}, query = '') => {
    const result = await handle(anApiEvent({ method, path, body, headers, query, commanderToken }));
    return { ...result, json: JSON.parse(result.body) };
  };
  const allItems = async () => (await table.db.send(new ScanCommand({ TableName: table.tableName, ConsistentRead: true }))).Items ?? [];
  return { ...table, handle, request, allItems, logger };
}
