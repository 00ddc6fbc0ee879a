import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AwsStub } from 'aws-sdk-client-mock';
import { ledgerKeys } from '../../lambdas/adapters/dynamo/item-keys.js';
import type { Delivery } from '../../lambdas/core/incident/answer-schemas.js';

type Item = Record<string, unknown>;
type DocumentClientMock = AwsStub<any, any, any> & { send: DynamoDBDocumentClient['send'] };

export interface FakeLedgerTable {
  /** The delivery row as it stands now. */
  row(incidentId: string, seq: number, locale: string, channel?: string): Item | undefined;
  put(row: Delivery & { incidentId: string; leaseUntil?: number }): void;
}

/**
 * Just enough of DynamoDB, behind aws-sdk-client-mock, for the DeliveryLedger's own requests: Get,
 * Query by key prefix, and Update with `SET`/`REMOVE` under the ledger's conditions (state pending,
 * lease expired). Unit tests then see the ledger behave, a redelivery included, without a database.
 */
export function fakeLedgerTable(mock: AwsStub<any, any, any>): FakeLedgerTable {
  const items = new Map<string, Item>();
  const id = (pk: unknown, sk: unknown) => `${String(pk)}|${String(sk)}`;
  const db = mock as DocumentClientMock;

  db.on(GetCommand).callsFake((input: { Key: Item }) => {
    const item = items.get(id(input.Key['pk'], input.Key['sk']));
    return { Item: item ? structuredClone(item) : undefined };
  });
  db.on(QueryCommand).callsFake((input: { ExpressionAttributeValues: Item }) => {
    const pk = input.ExpressionAttributeValues[':pk'];
    const prefix = String(input.ExpressionAttributeValues[':prefix']);
    const found = [...items.values()]
      .filter((item) => item['pk'] === pk && String(item['sk']).startsWith(prefix))
      .sort((a, b) => String(a['sk']).localeCompare(String(b['sk'])));
    return { Items: structuredClone(found) };
  });
  db.on(UpdateCommand).callsFake((input: { Key: Item; UpdateExpression: string; ConditionExpression?: string; ExpressionAttributeValues: Item }) => {
    const item = items.get(id(input.Key['pk'], input.Key['sk']));
    const values = input.ExpressionAttributeValues;
    if (!item || !conditionHolds(input.ConditionExpression ?? '', item, values)) {
      throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
    }
    applyUpdate(input.UpdateExpression, item, values);
    return {};
  });

  return {
    row: (incidentId, seq, locale, channel = 'x') => {
      const item = items.get(id(ledgerKeys.partition(incidentId), ledgerKeys.delivery(seq, channel, locale)));
      return item ? structuredClone(item) : undefined;
    },
    put: (row) => {
      const key = { pk: ledgerKeys.partition(row.incidentId), sk: ledgerKeys.delivery(row.seq, row.channel, row.locale) };
      items.set(id(key.pk, key.sk), { ...key, type: 'delivery', ...row });
    },
  };
}

function conditionHolds(condition: string, item: Item, values: Item): boolean {
  if (condition.includes('#state = :pending') && item['state'] !== 'pending') return false;
  if (condition.includes('leaseUntil < :nowMs')) {
    const lease = item['leaseUntil'];
    if (typeof lease === 'number' && !(lease < Number(values[':nowMs']))) return false;
  }
  return true;
}

function applyUpdate(expression: string, item: Item, values: Item): void {
  const [setPart = '', removePart = ''] = expression.replace(/^SET /, '').split(' REMOVE ');
  for (const assignment of setPart.split(',').map((part) => part.trim()).filter(Boolean)) {
    const [target = '', source = ''] = assignment.split('=').map((side) => side.trim());
    const name = target === '#state' ? 'state' : target;
    const increment = /^(\w+) \+ (:\w+)$/.exec(source);
    item[name] = increment ? Number(item[increment[1] ?? ''] ?? 0) + Number(values[increment[2] ?? '']) : values[source];
  }
  for (const name of removePart.split(',').map((part) => part.trim()).filter(Boolean)) delete item[name];
}
