import type { TwitterRateLimit } from 'twitter-api-v2';

/** X's posting window when a 429 carries no rate-limit headers at all. */
const fallbackWindowSeconds = 15 * 60;

/**
 * When a rate-limited post may be tried again, in epoch seconds. X sends the 15-minute window's
 * reset (`x-rate-limit-reset`) and, for posting, 24-hour windows per user and per app; when a
 * 24-hour window is the one exhausted, waiting for the short reset only earns another 429.
 *
 * @example
 * xRateLimitReset({ limit: 100, remaining: 0, reset: 1700000900, userDay: { limit: 17, remaining: 0, reset: 1700050000 } }, 1700000000);
 * // → 1700050000
 */
export function xRateLimitReset(rateLimit: TwitterRateLimit | undefined, nowSeconds: number): number {
  const resets = [rateLimit?.reset];
  for (const day of [rateLimit?.userDay, rateLimit?.day]) {
    if (day && day.remaining <= 0) resets.push(day.reset);
  }
  const known = resets.filter((reset): reset is number => reset !== undefined && Number.isFinite(reset) && reset > 0);
  return known.length > 0 ? Math.max(...known) : nowSeconds + fallbackWindowSeconds;
}
