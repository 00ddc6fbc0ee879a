import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { idempotencyKeys, } from './item-keys.js';
import { itemTypes } from './table-definition.js';

/** How long a key answers its first answer again (API.md: 24 h). */
export const idempotencyWindowSeconds = 24 * 60 * 60;

/**
 * What a retry under the same key gets back. The answer is kept as the incident and version it
 * produced rather than its full body: a long incident's body can outgrow DynamoDB's 400 KB item
 * limit, while the timeline up to that version rebuilds the identical answer.
 */
export const idempotencyRecordSchema = z.object({
  key: z.string(),
  requestHash: z.string(),
  statusCode: z.number().int(),
  incidentId: z.string(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  expiresAt: z.number().int(),
});

export type IdempotencyRecord = z.infer<typeof idempotencyRecordSchema>;

export function idempotencyItem(record: IdempotencyRecord): Record<string, unknown> {
  return { pk: idempotencyKeys.partition(record.key), sk: idempotencyKeys.record, type: itemTypes.idempotency, ...record };
}

/** The live record under `key`, if any; an expired one still awaiting TTL deletion is ignored. */
export async function findIdempotencyRecord(
  db: DynamoDBDocumentClient,
  tableName: string,
  key: string,
  nowSeconds: number,
): Promise<IdempotencyRecord | undefined> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: { pk: idempotencyKeys.partition(key), sk: idempotencyKeys.record },
      ConsistentRead: true,
    }),
  );
  if (!Item) return undefined;
  const record = idempotencyRecordSchema.parse(Item);
  return record.expiresAt > nowSeconds ? record : undefined;
}
