import type { RateLimiter } from '../../../lambdas/core/ports/rate-limiter.js';

/**
 * Fixed-window counting in memory, with the DynamoDB adapter's arithmetic: a window starts at a
 * multiple of its length since the epoch, a refused request counts nothing, and the wait is the
 * seconds to the window's end, at least 1.
 */
export class MemoryRateLimiter implements RateLimiter {
  private readonly counts = new Map<string, number>();

  async take(key: string, rule: { limit: number; windowSeconds: number }, nowMs: number): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
    const windowStart = Math.floor(nowMs / 1000 / rule.windowSeconds) * rule.windowSeconds;
    const window = `${key}#${windowStart}`;
    const count = this.counts.get(window) ?? 0;
    if (count >= rule.limit) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(windowStart + rule.windowSeconds - nowMs / 1000)) };
    this.counts.set(window, count + 1);
    return { allowed: true, retryAfterSeconds: 0 };
  }
}
