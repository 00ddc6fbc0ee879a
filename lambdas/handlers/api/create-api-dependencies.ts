import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { systemClock } from '../../adapters/clock.js';
import { DeliveryLedger } from '../../adapters/dynamo/delivery-ledger.js';
import { FeedStore } from '../../adapters/dynamo/feed-store.js';
import { findIdempotencyRecord } from '../../adapters/dynamo/idempotency-record.js';
import { IncidentStore } from '../../adapters/dynamo/incident-store.js';
import { ids } from '../../adapters/ids.js';
import type { EmailSubscriptions } from '../../adapters/sns/notification-topic.js';
import type { Config } from '../../core/config/config-schema.js';
import { createRequestSchemas } from '../../core/incident/request-schemas.js';
import type { ApiDependencies } from './api-dependencies.js';
import type { CommanderAuth } from './commander-auth.js';
import { StatusSnapshot } from './status-snapshot.js';

export interface ApiWiring {
  config: Config;
  db: DynamoDBDocumentClient;
  tableName: string;
  auth: CommanderAuth;
  /** How old the in-memory status may get before a reader rebuilds it. */
  statusMaxAgeMs: number;
  /** SNS deployed; the local subscription book on a laptop. */
  subscriptions: EmailSubscriptions;
}

/** Builds the API's dependencies from its wiring; shared by the Lambda entry, the local runtime and tests. */
export function createApiDependencies({ config, db, tableName, auth, statusMaxAgeMs, subscriptions }: ApiWiring): ApiDependencies {
  const incidents = new IncidentStore(db, tableName);
  return {
    config,
    schemas: createRequestSchemas(config),
    incidents,
    findIdempotencyRecord: (key, nowSeconds) => findIdempotencyRecord(db, tableName, key, nowSeconds),
    clock: systemClock,
    ids,
    auth,
    status: new StatusSnapshot(() => incidents.listOpen(), config, statusMaxAgeMs),
    deliveries: new DeliveryLedger(db, tableName),
    feed: new FeedStore(db, tableName),
    subscriptions,
  };
}
