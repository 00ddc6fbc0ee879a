import type { Stores } from '../../../lambdas/adapters/dynamo/dynamo-stores.js';
import { MemoryDeliveryLedger } from './memory-delivery-ledger.js';
import { MemoryEmailLedger } from './memory-email-ledger.js';
import { MemoryFeed } from './memory-feed.js';
import { MemoryIncidentStore } from './memory-incident-store.js';
import { MemoryPromiseReminders } from './memory-promise-reminders.js';
import { MemoryRateLimiter } from './memory-rate-limiter.js';
import { MemorySubscriberStore } from './memory-subscriber-store.js';
import { MemoryWebhookLedger } from './memory-webhook-ledger.js';
import { MemoryWebhookStore } from './memory-webhook-store.js';

export interface MemoryStores extends Stores {
  incidents: MemoryIncidentStore;
  idempotency: MemoryIncidentStore;
  deliveries: MemoryDeliveryLedger;
  emailLedger: MemoryEmailLedger;
  feed: MemoryFeed;
  subscribers: MemorySubscriberStore;
  rateLimiter: MemoryRateLimiter;
  promiseReminders: MemoryPromiseReminders;
  webhooks: MemoryWebhookStore;
  webhookLedger: MemoryWebhookLedger;
}

/** Every store in memory, as `createDynamoStores` gives them over a table. */
export function memoryStores(): MemoryStores {
  const incidents = new MemoryIncidentStore();
  const deliveries = new MemoryDeliveryLedger();
  const subscribers = new MemorySubscriberStore();
  return {
    incidents,
    idempotency: incidents,
    deliveries,
    emailLedger: new MemoryEmailLedger(deliveries, (requestId) => subscribers.mailRequests().some((request) => request.id === requestId)),
    feed: new MemoryFeed(),
    subscribers,
    rateLimiter: new MemoryRateLimiter(),
    promiseReminders: new MemoryPromiseReminders(incidents),
    webhooks: new MemoryWebhookStore(),
    webhookLedger: new MemoryWebhookLedger(deliveries),
  };
}
