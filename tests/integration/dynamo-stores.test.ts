import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll } from 'vitest';
import { createDynamoStores } from '../../lambdas/adapters/dynamo/dynamo-stores.js';
import type { Stores } from '../../lambdas/adapters/dynamo/dynamo-stores.js';
import { itemTypes } from '../../lambdas/core/store/table-definition.js';
import { mailRequestSchema } from '../../lambdas/core/subscribers/mail-request.js';
import { describeDeliveryLedgerContract } from '../support/contracts/delivery-ledger-contract.js';
import { describeEmailLedgerContract } from '../support/contracts/email-ledger-contract.js';
import { describeFeedContract } from '../support/contracts/feed-contract.js';
import { describeIncidentStoreContract } from '../support/contracts/incident-store-contract.js';
import { describeRateLimiterContract } from '../support/contracts/rate-limiter-contract.js';
import { describeSubscriberStoreContract } from '../support/contracts/subscriber-store-contract.js';
import { aLocalTable } from '../support/local-table.js';
import { describePromiseRemindersContract } from '../support/contracts/promise-reminders-contract.js';
import { describeMaintenanceListingContract } from '../support/contracts/maintenance-listing-contract.js';
import { describeWebhookContract } from '../support/contracts/webhook-contract.js';

// The DynamoDB adapters held to the contracts the in-memory stores also pass
// (tests/unit/ports/memory-stores.test.ts). One table for the file, made on first use; the
// contracts keep their ids, keys and locales unique so the tests do not see each other's items.
let table: ReturnType<typeof aLocalTable> | undefined;

async function stores(): Promise<Stores> {
  table ??= aLocalTable();
  const tables = await table;
  return createDynamoStores(tables.db, tables);
}

afterAll(async () => {
  if (table) (await table).client.destroy();
});

describeIncidentStoreContract('DynamoDB', stores);
describeDeliveryLedgerContract('DynamoDB', async () => (await stores()).deliveries);
describeFeedContract('DynamoDB', async () => (await stores()).feed);
// The subscriber list is read whole (the export, every shard), so each of its tests gets a table of its own.
const subscriberTables: Awaited<ReturnType<typeof aLocalTable>>[] = [];
afterAll(() => subscriberTables.forEach(({ client }) => client.destroy()));

describeSubscriberStoreContract('DynamoDB', async () => {
  const fresh = await aLocalTable();
  subscriberTables.push(fresh);
  const { db, tableName } = fresh;
  // The mail requests are what the table holds of that type: the items whose inserts the stream hands on.
  const mailRequests = async () => {
    const { Items = [] } = await db.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: '#type = :type',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':type': itemTypes.mailRequest },
        ConsistentRead: true,
      }),
    );
    return Items.map((item) => mailRequestSchema.parse(item));
  };
  return { subscribers: createDynamoStores(db, fresh).subscribers, mailRequests };
});
describeRateLimiterContract('DynamoDB', async () => (await stores()).rateLimiter);
describeEmailLedgerContract('DynamoDB', async () => {
  const { deliveries, emailLedger, subscribers } = await stores();
  return { deliveries, email: emailLedger, subscribers };
});
describePromiseRemindersContract('DynamoDB', async () => {
  const { incidents, promiseReminders } = await stores();
  return { incidents, reminders: promiseReminders };
});
describeMaintenanceListingContract('DynamoDB', async () => (await stores()).incidents);
describeWebhookContract('DynamoDB', async () => {
  const { deliveries, webhooks, webhookLedger } = await stores();
  return { deliveries, webhooks, ledger: webhookLedger };
});
