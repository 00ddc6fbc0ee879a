import type { Clock } from '../../adapters/clock.js';
import type { IdempotencyRecord } from '../../adapters/dynamo/idempotency-record.js';
import type { DeliveryLedger } from '../../adapters/dynamo/delivery-ledger.js';
import type { FeedStore } from '../../adapters/dynamo/feed-store.js';
import type { IncidentStore } from '../../adapters/dynamo/incident-store.js';
import type { EmailSubscriptions } from '../../adapters/sns/notification-topic.js';
import type { IdSource } from '../../adapters/ids.js';
import type { Config } from '../../core/config/config-schema.js';
import type { RequestSchemas } from '../../core/incident/request-schemas.js';
import type { CommanderAuth } from './commander-auth.js';
import type { StatusSnapshot } from './status-snapshot.js';

/** Everything the API's routes use; the Lambda entry and the local runtime each build one. */
export interface ApiDependencies {
  config: Config;
  schemas: RequestSchemas;
  incidents: IncidentStore;
  findIdempotencyRecord(key: string, nowSeconds: number): Promise<IdempotencyRecord | undefined>;
  clock: Clock;
  ids: IdSource;
  auth: CommanderAuth;
  status: StatusSnapshot;
  deliveries: DeliveryLedger;
  feed: FeedStore;
  subscriptions: EmailSubscriptions;
}
