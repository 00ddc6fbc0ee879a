import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether a secret a request presented equals the expected one, in time that says nothing about
 * either: both are hashed first, so the comparison is of equal-length buffers whatever their lengths.
 *
 * @example
 * secretsMatch(event.headers['x-origin-verify'], expected); // false for a missing header
 */
export function secretsMatch(presented: string | undefined, expected: string): boolean {
  return presented !== undefined && timingSafeEqual(sha256(presented), sha256(expected));
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
