import { describeDeliveryLedgerContract } from '../../support/contracts/delivery-ledger-contract.js';
import { describeFeedContract } from '../../support/contracts/feed-contract.js';
import { describeIncidentStoreContract } from '../../support/contracts/incident-store-contract.js';
import { memoryStores } from '../../support/memory/memory-stores.js';

// The in-memory stores the unit tests use, held to the same contracts as the DynamoDB adapters
// (tests/integration/dynamo-stores.test.ts): a fresh set for every test.
describeIncidentStoreContract('in memory', async () => memoryStores());
describeDeliveryLedgerContract('in memory', async () => memoryStores().deliveries);
describeFeedContract('in memory', async () => memoryStores().feed);
