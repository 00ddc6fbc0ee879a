import * as z from 'zod/mini';
import '../../core/validation/english-issues.js';
import { InvalidCursor } from '../../core/ports/store-errors.js';

/** DynamoDB refuses a sort key value over 1024 bytes (a partition key over 2048); ours are far shorter. */
const longestKeyValueBytes = 1024;

// DynamoDB answers an ExclusiveStartKey with an empty, oversized or ill-formed key value with a
// ValidationException, which would surface as a 500; such a cursor was never ours, so it is a 400.
const keyValueSchema = z
  .string()
  .check(
    z.minLength(1),
    z.refine((value) => Buffer.byteLength(value, 'utf8') <= longestKeyValueBytes && !/\p{Cs}/u.test(value)),
  );
const keySchema = z.record(z.string().check(z.maxLength(1024)), keyValueSchema).check(z.refine((key) => Object.keys(key).length <= 4));

export function encodeCursor(lastEvaluatedKey: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(lastEvaluatedKey), 'utf8').toString('base64url');
}

export interface CursorExpectation {
  /** The query parameter that carried the cursor, named in the error. */
  parameter: string;
  /** Attributes that must hold the values of the query being paged. */
  pinned: Record<string, string>;
  /** Exactly the attributes of that query's LastEvaluatedKey: table keys, plus the index's. */
  attributes: readonly string[];
}

/**
 * Decodes a cursor back into an ExclusiveStartKey; a cursor from one listing cannot be replayed
 * against another, and anything we did not issue throws `InvalidCursor`.
 *
 * @example
 * decodeCursor(cursor, { parameter: 'after', pinned: { pk: 'FEED#en' }, attributes: ['pk', 'sk'] });
 */
export function decodeCursor(cursor: string, { parameter, pinned, attributes }: CursorExpectation): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor(parameter, 'cursor is not one this API issued');
  }
  const result = keySchema.safeParse(parsed);
  if (!result.success) throw new InvalidCursor(parameter, 'cursor is not one this API issued');
  const names = Object.keys(result.data);
  if (names.length !== attributes.length || !attributes.every((name) => Object.hasOwn(result.data, name))) {
    throw new InvalidCursor(parameter, 'cursor is not one this API issued');
  }
  for (const [name, value] of Object.entries(pinned)) {
    if (result.data[name] !== value) throw new InvalidCursor(parameter, 'cursor belongs to another listing');
  }
  return result.data;
}
