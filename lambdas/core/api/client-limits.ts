import type { HttpMethod } from './api-contract.js';

/** A request a limit counts, by method and exact path (the limited routes have no path parameters). */
export interface LimitedRequest {
  readonly method: HttpMethod;
  readonly path: string;
}

/**
 * How many requests one client (one source IP address) may make in a trailing window. The numbers
 * follow what AWS WAF's rate-based rules can express: a limit of at least 10 requests and an
 * evaluation window of 60, 120, 300 or 600 seconds.
 */
export interface ClientLimit {
  /** The WAF rule's name and the local runtime's label for it. */
  readonly name: string;
  readonly limit: number;
  readonly windowSeconds: 60 | 120 | 300 | 600;
  /** The requests counted; absent: every request. */
  readonly requests?: readonly LimitedRequest[];
}

/**
 * The routes that make the system write to someone who did not ask: each accepted subscription can
 * mail a confirmation, each webhook subscription calls a URL. 20 in 5 minutes lets a whole office
 * behind one NAT address subscribe during an outage, and keeps one client from using the form to
 * mail-bomb or to exhaust the route's shared API Gateway throttle for everybody else.
 */
export const signUpLimit: ClientLimit = {
  name: 'sign-ups-per-client',
  limit: 20,
  windowSeconds: 300,
  requests: [
    { method: 'POST', path: '/v1/subscriptions' },
    { method: 'POST', path: '/v1/webhooks' },
  ],
};

/**
 * Every request of one client. A status page open in a browser polls about twice a minute and a
 * widget less, so 3,000 in 5 minutes (10 per second sustained) is far above any reader, even many
 * behind one NAT address, and well below what one machine in a flood sends.
 */
export const everyRequestLimit: ClientLimit = {
  name: 'requests-per-client',
  limit: 3000,
  windowSeconds: 300,
};

/**
 * The per-client limits of the front door: enforced deployed by the AWS WAF web ACL on the
 * CloudFront distribution (lib/front-door-firewall.ts) and locally by the runtime's HTTP server,
 * from this one list. The narrower limit first: a refused sign-up should say which limit it hit.
 */
export const clientLimits: readonly ClientLimit[] = [signUpLimit, everyRequestLimit];

/** Whether `limit` counts a request with this method and path (no query string). */
export function limitCounts(limit: ClientLimit, method: string, path: string): boolean {
  return limit.requests === undefined || limit.requests.some((request) => request.method === method && request.path === path);
}
