import type { LocalRuntime } from '../../local/start-local-runtime.js';
import { localSubscriptionRoutes } from '../../local/local-subscription-routes.js';
import { apiRoutes } from '../../lambdas/handlers/api/api-routes.js';
import { createApiDependencies } from '../../lambdas/handlers/api/create-api-dependencies.js';
import { createApiHandler } from '../../lambdas/handlers/api/create-api-handler.js';

/**
 * The very API handler a local runtime serves (same routes, same table, same token), called in
 * process with API Gateway v2 events: thousands of requests without thousands of sockets.
 * `faults` collects what the handler logs when it answers 500.
 */
export function theApiOf(runtime: LocalRuntime) {
  const faults: object[] = [];
  const handle = createApiHandler(
    createApiDependencies({
      config: runtime.config,
      db: runtime.db,
      tableName: runtime.tableName,
      auth: { mode: 'shared-token', token: runtime.commanderToken },
      statusMaxAgeMs: runtime.config.statusCacheSeconds * 1000,
      subscriptions: runtime.pipeline.subscriptions,
    }),
    [...apiRoutes, ...localSubscriptionRoutes(runtime.pipeline.subscriptions)],
    (entry) => faults.push(entry),
  );
  return { handle, faults };
}
