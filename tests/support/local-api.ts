import { randomBytes } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { systemClock } from '../../lambdas/adapters/clock.js';
import { createDynamoStores } from '../../lambdas/adapters/dynamo/dynamo-stores.js';
import { ulidIds } from '../../lambdas/adapters/ids.js';
import { HmacSubscriptionTokens } from '../../lambdas/adapters/tokens/hmac-subscription-tokens.js';
import type { Config } from '../../lambdas/core/config/config-schema.js';
import type { Clock } from '../../lambdas/core/ports/clock.js';
import { apiRoutes } from './api-routes.js';
import { createApiDependencies } from '../../lambdas/handlers/api/create-api-dependencies.js';
import { createApiHandler } from '../../lambdas/handlers/api/create-api-handler.js';
import { anApiEvent } from './api-events.js';
import { aConfig } from './builders.js';
import { aLocalTable } from './local-table.js';
import { RecordingLogger } from './memory/recording-logger.js';
import { aWebhookWiring } from './webhook-wiring.js';

export const commanderToken = 'integration-token';

/** Where links point in these tests; nothing listens there. */
export const publicBaseUrl = 'https://status.nimbus.example';

/**
 * The real API handler over a fresh DynamoDB Local table, called as API Gateway would. `clock`
 * moves time for the tests that need it (resend windows); `tokens` signs links as the API does.
 */
export async function anApiOnDynamoDbLocal(config: Config = aConfig(), options: { clock?: Clock } = {}) {
  const table = await aLocalTable();
  const logger = new RecordingLogger();
  const tokens = new HmacSubscriptionTokens(randomBytes(32));
  const stores = createDynamoStores(table.db, table);
  const handle = createApiHandler(
    createApiDependencies({
      ...aWebhookWiring(),
      config,
      stores,
      tokens: async () => tokens,
      publicBaseUrl: () => publicBaseUrl,
      auth: { mode: 'shared-token', token: commanderToken },
      statusMaxAgeMs: 1000,
      clock: options.clock ?? systemClock,
      ids: ulidIds,
      logger,
    }),
    apiRoutes,
  );
  const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}, query = '') => {
    const result = await handle(anApiEvent({ method, path, body, headers, query, commanderToken }));
    return { ...result, json: /json/.test(result.headers['content-type'] ?? '') ? JSON.parse(result.body) : undefined };
  };
  /** Every item of both tables, all pages of the scans. */
  const allItems = async () => {
    const items: Record<string, unknown>[] = [];
    for (const TableName of [table.tableName, table.recipientTableName]) {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await table.db.send(new ScanCommand({ TableName, ConsistentRead: true, ExclusiveStartKey }));
        items.push(...(page.Items ?? []));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
    }
    return items;
  };
  return { ...table, handle, request, allItems, logger, tokens, stores };
}
