import { z } from 'zod';

/** A cursor the client cannot make sense of or forge into another partition. */
export class InvalidCursor extends Error {
  override readonly name = 'InvalidCursor';
}

/** DynamoDB refuses a sort key value over 1024 bytes (a partition key over 2048); ours are far shorter. */
const longestKeyValueBytes = 1024;

// DynamoDB answers an ExclusiveStartKey with an empty, oversized or ill-formed key value with a
// ValidationException, which would surface as a 500; such a cursor was never ours, so it is a 400.
const keyValueSchema = z
  .string()
  .min(1)
  .refine((value) => Buffer.byteLength(value, 'utf8') <= longestKeyValueBytes && !/\p{Cs}/u.test(value));
const keySchema = z.record(z.string().max(1024), keyValueSchema).refine((key) => Object.keys(key).length <= 4);

export function encodeCursor(lastEvaluatedKey: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(lastEvaluatedKey), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor back into an ExclusiveStartKey. `pinned` attributes must hold the values of the
 * query being paged, so a cursor from one listing cannot be replayed against another, and the key
 * must hold exactly `attributes` (the LastEvaluatedKey of that query: table keys, plus the index's).
 */
export function decodeCursor(cursor: string, pinned: Record<string, string>, attributes: readonly string[]): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor('cursor is not one this API issued');
  }
  const result = keySchema.safeParse(parsed);
  if (!result.success) throw new InvalidCursor('cursor is not one this API issued');
  const names = Object.keys(result.data);
  if (names.length !== attributes.length || !attributes.every((name) => Object.hasOwn(result.data, name))) {
    throw new InvalidCursor('cursor is not one this API issued');
  }
  for (const [name, value] of Object.entries(pinned)) {
    if (result.data[name] !== value) throw new InvalidCursor('cursor belongs to another listing');
  }
  return result.data;
}
