import { InvalidCursor } from '../../../lambdas/core/ports/store-errors.js';

/** An opaque cursor for the in-memory stores: where a page ended, pinned to the listing it came from. */
export function writeMemoryCursor(listing: string, position: string): string {
  return Buffer.from(JSON.stringify({ listing, position }), 'utf8').toString('base64url');
}

/** The position a cursor names; `InvalidCursor` (naming `parameter`) for anything not issued for `listing`. */
export function readMemoryCursor(cursor: string, listing: string, parameter: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor(parameter, 'cursor is not one this API issued');
  }
  const { listing: from, position } = (parsed ?? {}) as { listing?: unknown; position?: unknown };
  if (typeof position !== 'string' || typeof from !== 'string') throw new InvalidCursor(parameter, 'cursor is not one this API issued');
  if (from !== listing) throw new InvalidCursor(parameter, 'cursor belongs to another listing');
  return position;
}
