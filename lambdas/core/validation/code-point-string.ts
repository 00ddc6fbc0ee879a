/**
 * A string's length in Unicode code points, as docs/api.md counts lengths (JavaScript's `length`
 * counts UTF-16 code units, which would let an emoji count twice).
 */
export function countCodePoints(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}
