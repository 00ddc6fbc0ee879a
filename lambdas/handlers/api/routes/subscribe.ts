import type { ApiOperations } from '../../../core/api/api-contract.js';
import { normalizeAddress } from '../../../core/email/normalize-address.js';
import { decideSubscribe } from '../../../core/subscribers/subscribe-decision.js';
import type { ApiDependencies } from '../api-dependencies.js';
import type { ApiEvent } from '../http.js';
import { json } from '../http.js';
import { HttpProblem } from '../problem.js';
import type { RouteInput } from '../route.js';
import { writeSubscriberChange } from '../write-subscriber-change.js';

/** Per client: enough for a person and a typo or two, too few to mail-bomb anyone through us. */
export const subscribeRateRule = { limit: 20, windowSeconds: 60 };

/** Reads and decides again this often when another request for the same address wrote first. */
const attempts = 5;

/**
 * `POST /v1/subscriptions`: starts (or repeats) the double opt-in. The answer is the same 202 whatever
 * the address's state, so the route tells nobody who is on the list; what happens behind it is
 * `decideSubscribe`'s. Writes are conditional: a request that loses a race for the same address reads
 * it again and decides again.
 */
export async function subscribeRoute({ event, deps, body }: RouteInput<ApiOperations['subscribe']>) {
  const now = deps.clock();
  await takeRate(deps, event, now.getTime());
  const email = normalizeAddress(body.email);
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const existing = await deps.subscribers.findByEmail(email);
    const change = decideSubscribe(existing, { ...body, email }, { now: now.toISOString(), ids: deps.ids, config: deps.config });
    if (!change || (await writeSubscriberChange(deps.subscribers, change))) return accepted();
  }
  // Other requests for this very address kept winning; one of them did what this one would have.
  deps.logger.warn('a subscribe request kept losing the race for its address; answered without writing', { attempts });
  return accepted();
}

function accepted() {
  return json(202, { status: 'pending-confirmation' }, { 'cache-control': 'no-store' });
}

async function takeRate(deps: ApiDependencies, event: ApiEvent, nowMs: number): Promise<void> {
  const client = event.requestContext.http.sourceIp ?? 'unknown';
  const { allowed, retryAfterSeconds } = await deps.rateLimiter.take(`subscribe#${client}`, subscribeRateRule, nowMs);
  if (allowed) return;
  throw new HttpProblem(
    429,
    'rate-limited',
    `too many subscription requests from this client: at most ${subscribeRateRule.limit} per ${subscribeRateRule.windowSeconds} seconds; try again in ${retryAfterSeconds} s`,
    undefined,
    { 'retry-after': String(retryAfterSeconds) },
  );
}
