import { z } from 'zod';

/** A cursor the client cannot make sense of or forge into another partition. */
export class InvalidCursor extends Error {
  override readonly name = 'InvalidCursor';
}

const keySchema = z.record(z.string().max(1024), z.string().max(1024)).refine((key) => Object.keys(key).length <= 4);

export function encodeCursor(lastEvaluatedKey: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(lastEvaluatedKey), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor back into an ExclusiveStartKey. `pinned` attributes must hold the values of the
 * query being paged, so a cursor from one listing cannot be replayed against another.
 */
export function decodeCursor(cursor: string, pinned: Record<string, string>): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor('cursor is not one this API issued');
  }
  const result = keySchema.safeParse(parsed);
  if (!result.success) throw new InvalidCursor('cursor is not one this API issued');
  for (const [name, value] of Object.entries(pinned)) {
    if (result.data[name] !== value) throw new InvalidCursor('cursor belongs to another listing');
  }
  return result.data;
}
