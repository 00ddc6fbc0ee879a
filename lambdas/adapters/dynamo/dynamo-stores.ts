import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DeliveryLedger } from '../../core/ports/delivery-ledger.js';
import type { EmailLedger } from '../../core/ports/email-ledger.js';
import type { Feed } from '../../core/ports/feed.js';
import type { IdempotencyRecords } from '../../core/ports/idempotency-records.js';
import type { IncidentStore } from '../../core/ports/incident-store.js';
import type { RateLimiter } from '../../core/ports/rate-limiter.js';
import type { SubscriberStore } from '../../core/ports/subscriber-store.js';
import { DynamoDeliveryLedger } from './dynamo-delivery-ledger.js';
import { DynamoEmailLedger } from './dynamo-email-ledger.js';
import { DynamoFeed } from './dynamo-feed.js';
import { DynamoIdempotencyRecords } from './dynamo-idempotency-records.js';
import { DynamoIncidentStore } from './dynamo-incident-store.js';
import { DynamoRateLimiter } from './dynamo-rate-limiter.js';
import { DynamoSubscriberStore } from './dynamo-subscriber-store.js';

/** Every store the single table holds, as the ports the handlers name. */
export interface Stores {
  incidents: IncidentStore;
  idempotency: IdempotencyRecords;
  deliveries: DeliveryLedger;
  emailLedger: EmailLedger;
  feed: Feed;
  subscribers: SubscriberStore;
  rateLimiter: RateLimiter;
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
    emailLedger: new DynamoEmailLedger(db, tableName),
    feed: new DynamoFeed(db, tableName),
    subscribers: new DynamoSubscriberStore(db, tableName),
    rateLimiter: new DynamoRateLimiter(db, tableName),
  };
}
