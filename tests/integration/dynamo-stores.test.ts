import { afterAll } from 'vitest';
import { createDynamoStores } from '../../lambdas/adapters/dynamo/dynamo-stores.js';
import type { Stores } from '../../lambdas/adapters/dynamo/dynamo-stores.js';
import { describeDeliveryLedgerContract } from '../support/contracts/delivery-ledger-contract.js';
import { describeFeedContract } from '../support/contracts/feed-contract.js';
import { describeIncidentStoreContract } from '../support/contracts/incident-store-contract.js';
import { aLocalTable } from '../support/local-table.js';

// The DynamoDB adapters held to the contracts the in-memory stores also pass
// (tests/unit/ports/memory-stores.test.ts). One table for the file, made on first use; the
// contracts keep their ids, keys and locales unique so the tests do not see each other's items.
let table: ReturnType<typeof aLocalTable> | undefined;

async function stores(): Promise<Stores> {
  table ??= aLocalTable();
  const { db, tableName } = await table;
  return createDynamoStores(db, tableName);
}

afterAll(async () => {
  if (table) (await table).client.destroy();
});

describeIncidentStoreContract('DynamoDB', stores);
describeDeliveryLedgerContract('DynamoDB', async () => (await stores()).deliveries);
describeFeedContract('DynamoDB', async () => (await stores()).feed);
