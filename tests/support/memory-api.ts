import { randomBytes } from 'node:crypto';
import { ulidIds } from '../../lambdas/adapters/ids.js';
import { HmacSubscriptionTokens } from '../../lambdas/adapters/tokens/hmac-subscription-tokens.js';
import type { Config } from '../../lambdas/core/config/config-schema.js';
import type { Clock } from '../../lambdas/core/ports/clock.js';
import type { IdSource } from '../../lambdas/core/ports/id-source.js';
import { createApiDependencies } from '../../lambdas/handlers/api/create-api-dependencies.js';
import { createApiHandler } from '../../lambdas/handlers/api/create-api-handler.js';
import { apiRoutes } from './api-routes.js';
import type { MemoryStores } from './memory/memory-stores.js';
import { RecordingLogger } from './memory/recording-logger.js';
import { aWebhookWiring } from './webhook-wiring.js';

/**
 * Both API functions' routes over in-memory stores, a commander token and a clock of the test's:
 * what a handler test needs when it is about the routes, not the wiring.
 *
 * @example
 * const { handle, logger } = aMemoryApi({ config, stores, clock: () => now });
 */
export function aMemoryApi(options: { config: Config; stores: MemoryStores; clock: Clock; commanderToken?: string; ids?: IdSource; statusMaxAgeMs?: number }) {
  const logger = new RecordingLogger();
  const handle = createApiHandler(
    createApiDependencies({
      ...aWebhookWiring(),
      config: options.config,
      stores: options.stores,
      tokens: async () => new HmacSubscriptionTokens(randomBytes(32)),
      publicBaseUrl: () => 'https://status.nimbus.example',
      auth: { mode: 'shared-token', token: options.commanderToken ?? 'commander-secret' },
      statusMaxAgeMs: options.statusMaxAgeMs ?? 1_000,
      clock: options.clock,
      ids: options.ids ?? ulidIds,
      logger,
    }),
    apiRoutes,
  );
  return { handle, logger };
}
