import { describeDeliveryLedgerContract } from '../../support/contracts/delivery-ledger-contract.js';
import { describeEmailLedgerContract } from '../../support/contracts/email-ledger-contract.js';
import { describeFeedContract } from '../../support/contracts/feed-contract.js';
import { describeIncidentStoreContract } from '../../support/contracts/incident-store-contract.js';
import { describeRateLimiterContract } from '../../support/contracts/rate-limiter-contract.js';
import { describeSubscriberStoreContract } from '../../support/contracts/subscriber-store-contract.js';
import { memoryStores } from '../../support/memory/memory-stores.js';
import { describePromiseRemindersContract } from '../../support/contracts/promise-reminders-contract.js';
import { describeMaintenanceListingContract } from '../../support/contracts/maintenance-listing-contract.js';
import { describeWebhookContract } from '../../support/contracts/webhook-contract.js';

// The in-memory stores the unit tests use, held to the same contracts as the DynamoDB adapters
// (tests/integration/dynamo-stores.test.ts): a fresh set for every test.
describeIncidentStoreContract('in memory', async () => memoryStores());
describeDeliveryLedgerContract('in memory', async () => memoryStores().deliveries);
describeFeedContract('in memory', async () => memoryStores().feed);
describeSubscriberStoreContract('in memory', async () => {
  const { subscribers } = memoryStores();
  return { subscribers, mailRequests: async () => subscribers.mailRequests() };
});
describeRateLimiterContract('in memory', async () => memoryStores().rateLimiter);
describeEmailLedgerContract('in memory', async () => {
  const { deliveries, emailLedger, subscribers } = memoryStores();
  return { deliveries, email: emailLedger, subscribers };
});
describePromiseRemindersContract('in memory', async () => {
  const { incidents, promiseReminders } = memoryStores();
  return { incidents, reminders: promiseReminders };
});
describeMaintenanceListingContract('in memory', async () => memoryStores().incidents);
describeWebhookContract('in memory', async () => {
  const { deliveries, webhooks, webhookLedger } = memoryStores();
  return { deliveries, webhooks, ledger: webhookLedger };
});
