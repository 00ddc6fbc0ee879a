import type { ApiSchemas } from '../../core/api/api-schemas.js';
import type { PreviewSchemas } from '../../core/api/preview-schemas.js';
import type { ReadSchemas } from '../../core/api/read-schemas.js';
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
import type { CommanderAuth } from './commander-auth.js';
import type { StatusSnapshot } from './status-snapshot.js';

/**
 * What the public reads (`servedBy: 'reads'`) use, and all the read function is given: its routes
 * cannot reach a subscriber, a token or a ledger, and its role may only read the incident table.
 */
export interface ReadApiDependencies {
  config: Config;
  schemas: ReadSchemas;
  incidents: IncidentStore;
  feed: Feed;
  status: StatusSnapshot;
  /** Where links in pages, mails and feeds point: the status page's origin deployed, the local server locally; never a request header. */
  publicBaseUrl: () => string;
  clock: Clock;
  logger: Logger;
}

/**
 * What the commanders' previews (`servedBy: 'previews'`) use, and all the preview function is given:
 * they render what a change would send and store and send nothing, so they read an incident or a
 * window by its id and reach no other store, no token, no secret; its role may only query the
 * incident partitions of the table.
 */
export interface PreviewApiDependencies {
  config: Config;
  schemas: PreviewSchemas;
  /** The incident or window an update would change, read by its id. */
  incidents: Pick<IncidentStore, 'getIncident'>;
  clock: Clock;
  auth: CommanderAuth;
  logger: Logger;
}

/** Everything the API's routes use, each store and service by its port. */
export interface ApiDependencies extends ReadApiDependencies {
  schemas: ApiSchemas;
  idempotency: IdempotencyRecords;
  deliveries: DeliveryLedger;
  subscribers: SubscriberStore;
  /**
   * The subscription tokens, resolved on first use: deployed, their key is read from Secrets Manager
   * then (and kept), so a cold start never waits for it and the incident routes never depend on it.
   */
  tokens: () => Promise<SubscriptionTokens>;
  rateLimiter: RateLimiter;
  webhooks: WebhookStore;
  /** Derived from the same key as the tokens, resolved on first use for the same reason. */
  webhookSecrets: () => Promise<WebhookSecrets>;
  webhookDestinations: WebhookDestinations;
  ids: IdSource;
  auth: CommanderAuth;
}
