import * as z from 'zod/mini';
import '../../core/validation/english-issues.js';
import type { SubscriberState } from '../../core/incident/vocabulary.js';
import { InvalidCursor } from '../../core/ports/store-errors.js';

/** `<createdAt>#<subscriberId>`, as `subscriberIndexKeys.listed` writes the list's sort key. */
const listPositionSchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[A-Za-z0-9_-]{1,100}$/));
const cursorSchema = z.strictObject({ below: listPositionSchema, state: z.optional(z.string()) });

/**
 * The subscriber list's cursor: the list position of the last subscriber of a page, and the state
 * filter it was issued for, base64url JSON.
 *
 * @example
 * encodeSubscriberListCursor('2031-01-01T00:00:00.000Z#sub_01J…', 'confirmed');
 */
export function encodeSubscriberListCursor(below: string, state: SubscriberState | undefined): string {
  return Buffer.from(JSON.stringify(state === undefined ? { below } : { below, state }), 'utf8').toString('base64url');
}

/**
 * The position a list cursor resumes below; `InvalidCursor('cursor')` for anything the list did not
 * issue (it would otherwise reach DynamoDB as a key condition), or one issued for another state.
 *
 * @example
 * decodeSubscriberListCursor(cursor, 'confirmed'); // '2031-01-01T00:00:00.000Z#sub_01J…'
 */
export function decodeSubscriberListCursor(cursor: string, state: SubscriberState | undefined): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor('cursor', 'cursor is not one this API issued');
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success) throw new InvalidCursor('cursor', 'cursor is not one this API issued');
  if (result.data.state !== state) throw new InvalidCursor('cursor', 'cursor belongs to another listing');
  return result.data.below;
}
