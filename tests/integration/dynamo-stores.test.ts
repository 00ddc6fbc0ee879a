import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { DynamoFeed } from '../../lambdas/adapters/dynamo/dynamo-feed.js';
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

describe('the DynamoDB feed after a writer died between its two puts', () => {
  it('places the item where the first attempt recorded it, once, when the message comes again', async () => {
    const { db, tableName } = await (table ??= aLocalTable());
    const feed = new DynamoFeed(db, tableName);
    const locale = `en-x-${randomUUID().slice(0, 8)}`;
    const item = { id: 'feed_upd_died_en', incidentId: 'inc_died', updateId: 'upd_died', kind: 'update', locale, title: 'Update', body: 'Rolling back.', status: 'identified', impact: 'major', url: 'https://status.nimbus.example/', createdAt: '2031-01-01T00:00:00.000Z' } as const;
    // What the dead attempt left: the record of where the item goes, and no item.
    await db.send(new PutCommand({ TableName: tableName, Item: { pk: `FEEDITEM#${locale}#upd_died`, sk: 'WRITTEN', type: itemTypes.feedWritten, writtenAt: '2031-01-01T00:00:05.000Z', expiresAt: 1_924_992_005 } }));

    expect(await feed.putIfAbsent(item, { writtenAt: '2031-01-01T00:09:00.000Z', expiresAt: 1_924_992_540 })).toBe(false);
    expect(await feed.putIfAbsent(item, { writtenAt: '2031-01-01T00:10:00.000Z', expiresAt: 1_924_992_600 })).toBe(false);

    const { Items = [] } = await db.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `FEED#${locale}` } }));
    expect(Items).toHaveLength(1);
    expect(Items[0]).toMatchObject({ sk: '2031-01-01T00:00:05.000Z#upd_died', writtenAt: '2031-01-01T00:00:05.000Z', expiresAt: 1_924_992_005, updateId: 'upd_died' });
  });
});
