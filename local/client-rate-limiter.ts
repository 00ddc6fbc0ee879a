import type { ClientLimit } from '../lambdas/core/api/client-limits.js';
import { limitCounts } from '../lambdas/core/api/client-limits.js';
import type { Clock } from '../lambdas/core/ports/clock.js';

/** What the limiter says of one request: let it through, or which limit refused it and for how long. */
export type ClientLimitVerdict =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      readonly limit: ClientLimit;
      /** Whole seconds until one more request of this client passes, if it sends none meanwhile. */
      readonly retryAfterSeconds: number;
    };

const allowed: ClientLimitVerdict = { allowed: true };

/**
 * The per-client limits of the front door (`clientLimits`), as the AWS WAF rate-based rules enforce
 * them deployed: each limit counts one client's requests over a trailing window, and past it the
 * request is refused.
 *
 * As in WAF, the limits are rules looked at in order, and the first that refuses a request ends it:
 * limits before it have counted it, limits after it never see it. A refused request counts towards
 * its own limit too (WAF counts every request a rule sees), so a client that keeps hammering stays
 * refused until it stops for long enough, instead of getting a fresh allowance each time the oldest
 * request leaves the window.
 *
 * Memory stays bounded under many clients: a limit of N keeps at most a client's newest N times (all
 * a trailing-window count needs), and a client with nothing in the longest window is forgotten, in a
 * sweep at most once per that window, so at most two windows after its last request.
 *
 * @example
 * const limiter = new ClientRateLimiter(clientLimits, systemClock);
 * const verdict = limiter.admit(request.socket.remoteAddress, 'POST', () => '/v1/subscriptions');
 * if (!verdict.allowed) answer429(verdict.limit, verdict.retryAfterSeconds);
 */
export class ClientRateLimiter {
  private readonly clients = new Map<string, ClientRequests>();
  private readonly longestWindowMs: number;
  private lastSweepMs = Number.NEGATIVE_INFINITY;

  constructor(
    readonly limits: readonly ClientLimit[],
    private readonly clock: Clock,
  ) {
    this.longestWindowMs = Math.max(0, ...limits.map((limit) => limit.windowSeconds * 1000));
  }

  /**
   * Counts a request of `client` and says whether it may go on. `path` (no query string) is asked for
   * only when a limit names the request's method, so a request no limit scopes costs no URL parsing.
   */
  admit(client: string, method: string, path: () => string): ClientLimitVerdict {
    if (this.limits.length === 0) return allowed;
    const now = this.clock().getTime();
    this.forgetIdleClients(now);
    let requests = this.clients.get(client);
    for (const [index, limit] of this.limits.entries()) {
      if (!counts(limit, method, path)) continue;
      if (!requests) this.clients.set(client, (requests = { lastMs: now, byLimit: [] }));
      requests.lastMs = now;
      const times = (requests.byLimit[index] ??= new NewestTimes(limit.limit));
      const windowMs = limit.windowSeconds * 1000;
      const overLimit = times.nthNewest !== undefined && times.nthNewest > now - windowMs;
      times.add(now);
      if (overLimit) {
        // The wait until the limit-th newest counted request (this one included) leaves the window;
        // kept within 1 s and the window should the clock have stepped back.
        const waitMs = times.nthNewest! + windowMs - now;
        return { allowed: false, limit, retryAfterSeconds: Math.min(limit.windowSeconds, Math.max(1, Math.ceil(waitMs / 1000))) };
      }
    }
    return allowed;
  }

  /** How many clients the limiter remembers right now. */
  get clientCount(): number {
    return this.clients.size;
  }

  private forgetIdleClients(now: number): void {
    if (now - this.lastSweepMs < this.longestWindowMs) return;
    this.lastSweepMs = now;
    for (const [client, requests] of this.clients) {
      if (now - requests.lastMs >= this.longestWindowMs) this.clients.delete(client);
    }
  }
}

interface ClientRequests {
  /** When a limit last counted one of its requests. */
  lastMs: number;
  /** Per limit, by its index in the limiter's list. */
  byLimit: NewestTimes[];
}

function counts(limit: ClientLimit, method: string, path: () => string): boolean {
  if (limit.requests === undefined) return true;
  return limit.requests.some((request) => request.method === method) && limitCounts(limit, method, path());
}

/** The times of a client's newest `n` counted requests, in a ring once there are `n`. */
class NewestTimes {
  private readonly times: number[] = [];
  /** Where the oldest kept time is once the ring is full: the next to be overwritten. */
  private oldestAt = 0;

  constructor(private readonly n: number) {}

  /** The time of the n-th newest request, once there have been n. */
  get nthNewest(): number | undefined {
    return this.times.length < this.n ? undefined : this.times[this.oldestAt];
  }

  add(time: number): void {
    if (this.times.length < this.n) {
      this.times.push(time);
      return;
    }
    this.times[this.oldestAt] = time;
    this.oldestAt = (this.oldestAt + 1) % this.n;
  }
}
