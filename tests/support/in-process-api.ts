import { systemClock } from '../../lambdas/adapters/clock.js';
import { ulidIds } from '../../lambdas/adapters/ids.js';
import { apiRoutes } from './api-routes.js';
import { createApiDependencies } from '../../lambdas/handlers/api/create-api-dependencies.js';
import { createApiHandler } from '../../lambdas/handlers/api/create-api-handler.js';
import type { LocalRuntime } from '../../local/start-local-runtime.js';
import { RecordingLogger } from './memory/recording-logger.js';
import { aWebhookWiring } from './webhook-wiring.js';

/**
 * The very API handler a local runtime serves (same routes, same table, same token), called in
 * process with API Gateway v2 events: thousands of requests without thousands of sockets.
 * `faults` collects what the handler logs as errors (it does so when it answers 500).
 */
export function theApiOf(runtime: LocalRuntime) {
  const logger = new RecordingLogger();
  const handle = createApiHandler(
    createApiDependencies({
      webhookSecrets: async () => runtime.webhookSecrets,
      webhookDestinations: aWebhookWiring().webhookDestinations,
      config: runtime.config,
      stores: runtime.stores,
      tokens: async () => runtime.tokens,
      publicBaseUrl: () => runtime.url,
      auth: { mode: 'shared-token', token: runtime.commanderToken },
      statusMaxAgeMs: runtime.config.statusCacheSeconds * 1000,
      clock: systemClock,
      ids: ulidIds,
      logger,
    }),
    apiRoutes,
  );
  return {
    handle,
    get faults() {
      return logger.lines.filter((line) => line.level === 'error');
    },
  };
}
