import type { ClientLimit } from '../lambdas/core/api/client-limits.js';

/**
 * A per-client limit in words, for the 429 a client gets and the line `npm start` prints.
 *
 * @example
 * describeClientLimit(signUpLimit); // '20 POST /v1/subscriptions or POST /v1/webhooks requests per 300 s'
 */
export function describeClientLimit(limit: ClientLimit): string {
  const which = limit.requests ? `${limit.requests.map((request) => `${request.method} ${request.path}`).join(' or ')} ` : '';
  return `${limit.limit} ${which}requests per ${limit.windowSeconds} s`;
}
