import type { ApiSchemas } from '../../core/api/api-schemas.js';
import type { Config } from '../../core/config/config-schema.js';
import type { Clock } from '../../core/ports/clock.js';
import type { DeliveryLedger } from '../../core/ports/delivery-ledger.js';
import type { EmailSubscriptions } from '../../core/ports/email-subscriptions.js';
import type { Feed } from '../../core/ports/feed.js';
import type { IdSource } from '../../core/ports/id-source.js';
import type { IdempotencyRecords } from '../../core/ports/idempotency-records.js';
import type { IncidentStore } from '../../core/ports/incident-store.js';
import type { Logger } from '../../core/ports/logger.js';
import type { CommanderAuth } from './commander-auth.js';
import type { StatusSnapshot } from './status-snapshot.js';

/** Everything the API's routes use, each store and service by its port. */
export interface ApiDependencies {
  config: Config;
  schemas: ApiSchemas;
  incidents: IncidentStore;
  idempotency: IdempotencyRecords;
  deliveries: DeliveryLedger;
  feed: Feed;
  subscriptions: EmailSubscriptions;
  status: StatusSnapshot;
  clock: Clock;
  ids: IdSource;
  auth: CommanderAuth;
  logger: Logger;
}
