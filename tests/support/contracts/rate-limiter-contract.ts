import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RateLimiter } from '../../../lambdas/core/ports/rate-limiter.js';

/** A minute boundary far from the real clock, so a TTL sweep never touches a window a test writes. */
const windowStart = Date.UTC(2031, 0, 1, 12, 0, 0);
const rule = { limit: 3, windowSeconds: 60 };

function aKey(): string {
  return `test#${randomUUID()}`;
}

/**
 * The behaviour every `RateLimiter` must show, run against the DynamoDB adapter and the in-memory
 * double alike: fixed windows aligned to their length, `limit` takes per key and window, a refusal
 * that says how long to wait and counts nothing.
 *
 * @example
 * describeRateLimiterContract('in memory', async () => new MemoryRateLimiter());
 */
export function describeRateLimiterContract(name: string, make: () => Promise<RateLimiter>): void {
  describe(`RateLimiter contract: ${name}`, () => {
    it('allows the limit in a window, then refuses with the seconds left in it', async () => {
      const limiter = await make();
      const key = aKey();
      for (let take = 0; take < rule.limit; take++) {
        expect(await limiter.take(key, rule, windowStart + 10_000 + take)).toEqual({ allowed: true, retryAfterSeconds: 0 });
      }
      expect(await limiter.take(key, rule, windowStart + 20_000)).toEqual({ allowed: false, retryAfterSeconds: 40 });
      expect(await limiter.take(key, rule, windowStart + 20_500)).toEqual({ allowed: false, retryAfterSeconds: 40 });
      // Never "retry after 0": a refusal in the window's last moment still waits a second.
      expect(await limiter.take(key, rule, windowStart + 59_900)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    });

    it('starts counting again in the next window', async () => {
      const limiter = await make();
      const key = aKey();
      for (let take = 0; take <= rule.limit; take++) await limiter.take(key, rule, windowStart + 59_000);
      expect((await limiter.take(key, rule, windowStart + 60_000)).allowed).toBe(true);
    });

    it('counts each key on its own', async () => {
      const limiter = await make();
      const [busy, quiet] = [aKey(), aKey()];
      for (let take = 0; take <= rule.limit; take++) await limiter.take(busy, rule, windowStart);
      expect((await limiter.take(busy, rule, windowStart)).allowed).toBe(false);
      expect((await limiter.take(quiet, rule, windowStart)).allowed).toBe(true);
    });

    it('lets no more than the limit through when many requests race', async () => {
      const limiter = await make();
      const key = aKey();
      const racing = { limit: 20, windowSeconds: 60 };
      const outcomes = await Promise.all(Array.from({ length: 35 }, () => limiter.take(key, racing, windowStart + 1_000)));
      expect(outcomes.filter((outcome) => outcome.allowed)).toHaveLength(20);
      expect(outcomes.filter((outcome) => !outcome.allowed).every((outcome) => outcome.retryAfterSeconds === 59)).toBe(true);
    });
  });
}
