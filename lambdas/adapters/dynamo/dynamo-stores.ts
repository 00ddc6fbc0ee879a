import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DeliveryLedger } from '../../core/ports/delivery-ledger.js';
import type { Feed } from '../../core/ports/feed.js';
import type { IdempotencyRecords } from '../../core/ports/idempotency-records.js';
import type { IncidentStore } from '../../core/ports/incident-store.js';
import { DynamoDeliveryLedger } from './dynamo-delivery-ledger.js';
import { DynamoFeed } from './dynamo-feed.js';
import { DynamoIdempotencyRecords } from './dynamo-idempotency-records.js';
import { DynamoIncidentStore } from './dynamo-incident-store.js';

/** Every store the single table holds, as the ports the handlers name. */
export interface Stores {
  incidents: IncidentStore;
  idempotency: IdempotencyRecords;
  deliveries: DeliveryLedger;
  feed: Feed;
}

/**
 * The stores over one table; the Lambda entries and the local runtime both compose from here.
 *
 * @example
 * const { incidents, deliveries } = createDynamoStores(createDocumentClient(), process.env.TABLE_NAME!);
 */
export function createDynamoStores(db: DynamoDBDocumentClient, tableName: string): Stores {
  return {
    incidents: new DynamoIncidentStore(db, tableName),
    idempotency: new DynamoIdempotencyRecords(db, tableName),
    deliveries: new DynamoDeliveryLedger(db, tableName),
    feed: new DynamoFeed(db, tableName),
  };
}
