import { createApiSchemas } from '../../core/api/api-schemas.js';
import type { Config } from '../../core/config/config-schema.js';
import type { Clock } from '../../core/ports/clock.js';
import type { DeliveryLedger } from '../../core/ports/delivery-ledger.js';
import type { Feed } from '../../core/ports/feed.js';
import type { IdSource } from '../../core/ports/id-source.js';
import type { IdempotencyRecords } from '../../core/ports/idempotency-records.js';
import type { IncidentStore } from '../../core/ports/incident-store.js';
import type { Logger } from '../../core/ports/logger.js';
import type { RateLimiter } from '../../core/ports/rate-limiter.js';
import type { SubscriberStore } from '../../core/ports/subscriber-store.js';
import type { SubscriptionTokens } from '../../core/ports/subscription-tokens.js';
import type { WebhookDestinations } from '../../core/ports/webhook-destinations.js';
import type { WebhookSecrets } from '../../core/ports/webhook-secrets.js';
import type { WebhookStore } from '../../core/ports/webhook-store.js';
import type { ApiDependencies } from './api-dependencies.js';
import type { CommanderAuth } from './commander-auth.js';
import { createReadApiDependencies } from './create-read-api-dependencies.js';

export interface ApiWiring {
  config: Config;
  stores: {
    incidents: IncidentStore;
    idempotency: IdempotencyRecords;
    deliveries: DeliveryLedger;
    feed: Feed;
    subscribers: SubscriberStore;
    rateLimiter: RateLimiter;
    webhooks: WebhookStore;
  };
  /** Deployed: keyed by the Secrets Manager secret, read on first use; locally and in tests: a key at hand. */
  tokens: () => Promise<SubscriptionTokens>;
  /** Derived from the tokens' key: deployed read on first use, locally and in tests at hand. */
  webhookSecrets: () => Promise<WebhookSecrets>;
  /** Deployed: https only, to public addresses; locally this machine's receivers too. */
  webhookDestinations: WebhookDestinations;
  /** The status page's origin deployed; the local server's own URL locally. */
  publicBaseUrl: () => string;
  auth: CommanderAuth;
  /** How old the in-memory status may get before a reader rebuilds it. */
  statusMaxAgeMs: number;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
}

/**
 * The write function's dependencies (which hold the read function's) from its wiring; the Lambda entry, the local runtime and the tests each
 * pass their own stores (DynamoDB, or in memory) and services.
 *
 * @example
 * const deps = createApiDependencies({ config, stores, tokens, publicBaseUrl: () => origin, auth, statusMaxAgeMs: 5_000, clock: systemClock, ids: ulidIds, logger });
 */
export function createApiDependencies({ config, stores, tokens, webhookSecrets, webhookDestinations, publicBaseUrl, auth, statusMaxAgeMs, clock, ids, logger }: ApiWiring): ApiDependencies {
  return {
    ...createReadApiDependencies({ config, stores, statusMaxAgeMs, publicBaseUrl, clock, logger }),
    schemas: createApiSchemas(config),
    idempotency: stores.idempotency,
    deliveries: stores.deliveries,
    subscribers: stores.subscribers,
    rateLimiter: stores.rateLimiter,
    webhooks: stores.webhooks,
    webhookSecrets,
    webhookDestinations,
    tokens,
    publicBaseUrl,
    ids,
    auth,
  };
}
