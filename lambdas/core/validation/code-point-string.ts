import * as z from 'zod/mini';
import './english-issues.js';

/**
 * A string bounded in Unicode code points, as docs/api.md counts lengths (zod's own `min`/`max` count
 * UTF-16 code units, which would let an emoji count twice).
 */
export function codePointString(min: number, max: number) {
  return z
    .string()
    .check(
      z.refine((value) => countCodePoints(value) >= min, { message: `must be at least ${min} character${min === 1 ? '' : 's'}` }),
      z.refine((value) => countCodePoints(value) <= max, { message: `must be at most ${max} characters` }),
      z.meta({ minLength: min, maxLength: max }),
    );
}

export function countCodePoints(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}
