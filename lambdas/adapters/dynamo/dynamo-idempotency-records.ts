import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { idempotencyRecordSchema } from '../../core/incident/idempotency-record.js';
import type { IdempotencyRecord } from '../../core/incident/idempotency-record.js';
import type { IdempotencyRecords } from '../../core/ports/idempotency-records.js';
import { itemTypes } from '../../core/store/table-definition.js';
import { idempotencyKeys } from './item-keys.js';

/** The table item of a record; `DynamoIncidentStore.commit` writes it in the change's transaction. */
export function idempotencyItem(record: IdempotencyRecord): Record<string, unknown> {
  return { pk: idempotencyKeys.partition(record.key), sk: idempotencyKeys.record, type: itemTypes.idempotency, ...record };
}

/**
 * Idempotency records in the single table, expired by DynamoDB's TTL after 24 h.
 *
 * @example
 * const earlier = await new DynamoIdempotencyRecords(db, tableName).find(key, nowSeconds);
 */
export class DynamoIdempotencyRecords implements IdempotencyRecords {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async find(key: string, nowSeconds: number): Promise<IdempotencyRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: idempotencyKeys.partition(key), sk: idempotencyKeys.record },
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    const record = idempotencyRecordSchema.parse(Item);
    // TTL deletes within days, not at the second: an expired record may still be read.
    return record.expiresAt > nowSeconds ? record : undefined;
  }
}
