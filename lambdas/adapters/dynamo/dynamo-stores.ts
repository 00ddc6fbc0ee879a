import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DeliveryLedger } from '../../core/ports/delivery-ledger.js';
import type { EmailLedger } from '../../core/ports/email-ledger.js';
import type { Feed } from '../../core/ports/feed.js';
import type { IdempotencyRecords } from '../../core/ports/idempotency-records.js';
import type { IncidentStore } from '../../core/ports/incident-store.js';
import type { PromiseReminders } from '../../core/ports/promise-reminders.js';
import type { RateLimiter } from '../../core/ports/rate-limiter.js';
import type { SubscriberStore } from '../../core/ports/subscriber-store.js';
import type { WebhookLedger } from '../../core/ports/webhook-ledger.js';
import type { WebhookStore } from '../../core/ports/webhook-store.js';
import { DynamoDeliveryLedger } from './dynamo-delivery-ledger.js';
import { DynamoEmailLedger } from './dynamo-email-ledger.js';
import { DynamoFeed } from './dynamo-feed.js';
import { DynamoIdempotencyRecords } from './dynamo-idempotency-records.js';
import { DynamoIncidentStore } from './dynamo-incident-store.js';
import { DynamoPromiseReminders } from './dynamo-promise-reminders.js';
import { DynamoRateLimiter } from './dynamo-rate-limiter.js';
import { DynamoSubscriberStore } from './dynamo-subscriber-store.js';
import { DynamoWebhookLedger } from './dynamo-webhook-ledger.js';
import { DynamoWebhookStore } from './dynamo-webhook-store.js';

/** Every store the two tables hold, as the ports the handlers name. */
export interface Stores {
  incidents: IncidentStore;
  idempotency: IdempotencyRecords;
  deliveries: DeliveryLedger;
  emailLedger: EmailLedger;
  feed: Feed;
  subscribers: SubscriberStore;
  rateLimiter: RateLimiter;
  promiseReminders: PromiseReminders;
  webhooks: WebhookStore;
  webhookLedger: WebhookLedger;
}

/** The names of the two tables of `table-definition.ts`. */
export interface StoreTables {
  /** Incidents, timelines, delivery rows, the feed, mail requests: everything the fan-out's stream carries. */
  tableName: string;
  /** Subscribers, webhook subscribers and the per-recipient records of email and webhooks (no stream). */
  recipientTableName: string;
}

/**
 * Every store over the two tables, for a process that serves every function (the local runtime, the
 * tests). A Lambda entry builds only the stores it uses instead: each store here it does not use
 * would be bundled, and loaded at its every cold start, for nothing.
 *
 * @example
 * const { incidents, deliveries } = createDynamoStores(createDocumentClient(), storeTablesOf(readLambdaEnvironment()));
 */
export function createDynamoStores(db: DynamoDBDocumentClient, tables: StoreTables): Stores {
  const { tableName } = tables;
  return {
    incidents: new DynamoIncidentStore(db, tableName),
    idempotency: new DynamoIdempotencyRecords(db, tableName),
    deliveries: new DynamoDeliveryLedger(db, tableName),
    emailLedger: new DynamoEmailLedger(db, tables),
    feed: new DynamoFeed(db, tableName),
    subscribers: new DynamoSubscriberStore(db, tables),
    rateLimiter: new DynamoRateLimiter(db, tableName),
    promiseReminders: new DynamoPromiseReminders(db, tableName),
    webhooks: new DynamoWebhookStore(db, tables.recipientTableName),
    webhookLedger: new DynamoWebhookLedger(db, tables),
  };
}
