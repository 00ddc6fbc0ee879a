import { describe, expect, it } from 'vitest';
import type { ClientLimit } from '../../../lambdas/core/api/client-limits.js';
import { clientLimits, everyRequestLimit, signUpLimit } from '../../../lambdas/core/api/client-limits.js';
import { ClientRateLimiter } from '../../../local/client-rate-limiter.js';

/** A clock the test moves by hand. */
function aFakeClock(startMs = Date.UTC(2026, 0, 1)) {
  let nowMs = startMs;
  return { clock: () => new Date(nowMs), advance: (ms: number) => (nowMs += ms) };
}

const aLimit = (overrides: Partial<ClientLimit> = {}): ClientLimit => ({ name: 'test-limit', limit: 10, windowSeconds: 60, ...overrides });
const signUp = () => '/v1/subscriptions';
const status = () => '/v1/status';

describe('the per-client rate limiter', () => {
  it('lets a client make `limit` requests in the window and refuses the next, with the limit that refused it', () => {
    const { clock, advance } = aFakeClock();
    const limiter = new ClientRateLimiter([aLimit()], clock);
    for (let request = 0; request < 10; request++) {
      expect(limiter.admit('198.51.100.1', 'GET', status).allowed).toBe(true);
      advance(1_000);
    }
    const refused = limiter.admit('198.51.100.1', 'GET', status);
    expect(refused).toMatchObject({ allowed: false, limit: { name: 'test-limit' } });
  });

  it('says in whole seconds, rounded up, when one more request will pass', () => {
    const { clock, advance } = aFakeClock();
    const limiter = new ClientRateLimiter([aLimit({ limit: 10, windowSeconds: 60 })], clock);
    for (let request = 0; request < 10; request++) limiter.admit('198.51.100.1', 'GET', status);
    advance(20_500);
    const refused = limiter.admit('198.51.100.1', 'GET', status);
    expect(refused).toMatchObject({ allowed: false });
    // The 10th newest counted request (the 2nd, at 0 s) leaves 60 s after it came: 39.5 s from now.
    expect(refused.allowed === false && refused.retryAfterSeconds).toBe(40);
  });

  it('lets the client in again exactly when Retry-After said, not a millisecond before', () => {
    /** A client that made 10 requests a second apart, then an 11th that was refused. */
    const refusedOnce = () => {
      const { clock, advance } = aFakeClock();
      const limiter = new ClientRateLimiter([aLimit({ limit: 10, windowSeconds: 60 })], clock);
      for (let request = 0; request < 10; request++) {
        limiter.admit('198.51.100.1', 'GET', status);
        advance(1_000);
      }
      const refused = limiter.admit('198.51.100.1', 'GET', status);
      if (refused.allowed) throw new Error('the 11th request was let through');
      return { limiter, advance, retryAfterMs: refused.retryAfterSeconds * 1000 };
    };
    const early = refusedOnce();
    early.advance(early.retryAfterMs - 1);
    expect(early.limiter.admit('198.51.100.1', 'GET', status).allowed).toBe(false);
    const onTime = refusedOnce();
    onTime.advance(onTime.retryAfterMs);
    expect(onTime.limiter.admit('198.51.100.1', 'GET', status).allowed).toBe(true);
  });

  it('slides: a steady client at exactly the limit’s rate is never refused', () => {
    const { clock, advance } = aFakeClock();
    const limiter = new ClientRateLimiter([aLimit({ limit: 10, windowSeconds: 60 })], clock);
    for (let request = 0; request < 100; request++) {
      expect(limiter.admit('198.51.100.1', 'GET', status).allowed, `request ${request}`).toBe(true);
      advance(6_000);
    }
  });

  it('counts refused requests too, as WAF does: a client that keeps hammering stays refused', () => {
    const { clock, advance } = aFakeClock();
    const limiter = new ClientRateLimiter([aLimit({ limit: 10, windowSeconds: 60 })], clock);
    for (let request = 0; request < 10; request++) limiter.admit('198.51.100.1', 'GET', status);
    // One request every 5 s: past the first minute the burst has left the window, and only the
    // refused requests in it keep this client out.
    for (let second = 5; second <= 300; second += 5) {
      advance(5_000);
      expect(limiter.admit('198.51.100.1', 'GET', status).allowed, `at ${second} s`).toBe(false);
    }
    // Quiet for a whole window, it is let in again.
    advance(60_000);
    expect(limiter.admit('198.51.100.1', 'GET', status).allowed).toBe(true);
  });

  it('counts each client apart', () => {
    const { clock } = aFakeClock();
    const limiter = new ClientRateLimiter([aLimit()], clock);
    for (let request = 0; request < 11; request++) limiter.admit('198.51.100.1', 'GET', status);
    expect(limiter.admit('198.51.100.1', 'GET', status).allowed).toBe(false);
    expect(limiter.admit('198.51.100.2', 'GET', status).allowed).toBe(true);
  });

  it('counts only the requests a scoped limit names, and asks for the path only when the method is one it names', () => {
    const { clock } = aFakeClock();
    const limiter = new ClientRateLimiter([signUpLimit], clock);
    let pathsAsked = 0;
    for (let request = 0; request < 100; request++) {
      expect(limiter.admit('198.51.100.1', 'GET', () => (pathsAsked++, '/v1/status')).allowed).toBe(true);
      expect(limiter.admit('198.51.100.1', 'POST', () => '/v1/incidents').allowed).toBe(true);
    }
    expect(pathsAsked).toBe(0);
    expect(limiter.clientCount).toBe(0);
    for (let request = 0; request < signUpLimit.limit; request++) expect(limiter.admit('198.51.100.1', 'POST', signUp).allowed).toBe(true);
    expect(limiter.admit('198.51.100.1', 'POST', signUp).allowed).toBe(false);
  });

  it('stops at the first limit that refuses: a refused sign-up is not counted by the limit on every request', () => {
    const { clock } = aFakeClock();
    const limiter = new ClientRateLimiter(clientLimits, clock);
    for (let request = 0; request < 1_000; request++) limiter.admit('198.51.100.1', 'POST', signUp);
    // 20 sign-ups reached the every-request limit; the 980 refused ones did not.
    for (let request = 0; request < everyRequestLimit.limit - signUpLimit.limit; request++) {
      expect(limiter.admit('198.51.100.1', 'GET', status).allowed, `read ${request}`).toBe(true);
    }
    expect(limiter.admit('198.51.100.1', 'GET', status)).toMatchObject({ allowed: false, limit: { name: everyRequestLimit.name } });
  });

  it('forgets a client with no request in the window, so many clients do not pile up in memory', () => {
    const { clock, advance } = aFakeClock();
    const limiter = new ClientRateLimiter([aLimit({ windowSeconds: 60 }), aLimit({ name: 'longer', windowSeconds: 300 })], clock);
    for (let client = 0; client < 10_000; client++) limiter.admit(`10.0.${client >> 8}.${client & 255}`, 'GET', status);
    expect(limiter.clientCount).toBe(10_000);
    advance(299_999);
    limiter.admit('198.51.100.1', 'GET', status);
    // Still inside the longest window: all remembered.
    expect(limiter.clientCount).toBe(10_001);
    advance(300_001);
    limiter.admit('198.51.100.2', 'GET', status);
    expect(limiter.clientCount).toBe(1);
  });

  it('a forgotten client starts afresh', () => {
    const { clock, advance } = aFakeClock();
    const limiter = new ClientRateLimiter([aLimit()], clock);
    for (let request = 0; request < 11; request++) limiter.admit('198.51.100.1', 'GET', status);
    advance(120_000);
    limiter.admit('198.51.100.9', 'GET', status);
    expect(limiter.clientCount).toBe(1);
    for (let request = 0; request < 10; request++) expect(limiter.admit('198.51.100.1', 'GET', status).allowed).toBe(true);
  });

  it('with no limits, lets everything through and remembers nobody', () => {
    const limiter = new ClientRateLimiter([], aFakeClock().clock);
    for (let request = 0; request < 1_000; request++) expect(limiter.admit('198.51.100.1', 'POST', signUp).allowed).toBe(true);
    expect(limiter.clientCount).toBe(0);
  });
});
