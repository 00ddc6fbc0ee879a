/** A receiver may ask for a pause, not for the delivery to be dropped: longer waits are cut to this. */
export const maxRetryAfterSeconds = 12 * 60 * 60;

/**
 * The wait a `Retry-After` header asks for, in whole seconds from `nowMs`: delta-seconds (`120`) or an
 * HTTP-date (`Wed, 21 Oct 2026 07:28:00 GMT`), never negative, at most 12 hours; `undefined` when
 * the header is missing or neither form (RFC 9110 §10.2.3).
 *
 * @example
 * retryAfterSeconds('7', Date.now()); // 7
 * retryAfterSeconds('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('2015-10-21T07:28:00Z')); // 30
 * retryAfterSeconds('soon', Date.now()); // undefined
 */
export function retryAfterSeconds(header: string | undefined, nowMs: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Math.min(Number(value), maxRetryAfterSeconds);
  // Date.parse also takes ISO strings and bare numbers a date header never holds; insist on a weekday.
  if (!/^[A-Za-z]{3,9},? /.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(Math.ceil((at - nowMs) / 1000), 0), maxRetryAfterSeconds);
}
