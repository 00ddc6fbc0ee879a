/**
 * Counts requests per client in fixed windows, across every container (the count lives in the
 * store), so one client cannot mail-bomb through the subscribe form or crowd others out.
 *
 * @example
 * const { allowed, retryAfterSeconds } = await limiter.take(`subscribe#${ip}`, { limit: 20, windowSeconds: 60 }, nowMs);
 */
export interface RateLimiter {
  take(key: string, rule: { limit: number; windowSeconds: number }, nowMs: number): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
}
