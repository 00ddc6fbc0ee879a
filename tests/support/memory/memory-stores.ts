import type { Stores } from '../../../lambdas/adapters/dynamo/dynamo-stores.js';
import { MemoryDeliveryLedger } from './memory-delivery-ledger.js';
import { MemoryFeed } from './memory-feed.js';
import { MemoryIncidentStore } from './memory-incident-store.js';

export interface MemoryStores extends Stores {
  incidents: MemoryIncidentStore;
  idempotency: MemoryIncidentStore;
  deliveries: MemoryDeliveryLedger;
  feed: MemoryFeed;
}

/** Every store in memory, as `createDynamoStores` gives them over a table. */
export function memoryStores(): MemoryStores {
  const incidents = new MemoryIncidentStore();
  return { incidents, idempotency: incidents, deliveries: new MemoryDeliveryLedger(), feed: new MemoryFeed() };
}
