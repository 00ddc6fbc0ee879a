import type { ApiOperations } from '../../../core/api/api-contract.js';
import { confirmSubscriber } from '../../../core/subscribers/confirm-subscriber.js';
import { subscriptionLinks } from '../../../core/subscribers/subscription-links.js';
import { changeTokenHolder } from '../change-token-holder.js';
import { json } from '../http.js';
import { prefersJson } from '../prefers-json.js';
import type { RouteInput } from '../route.js';
import { subscriptionLinkNotFound } from '../subscription-link-not-found.js';
import { subscriptionPageResult } from '../subscription-page-result.js';

/**
 * `GET /v1/subscriptions/confirm?token=`: the confirmation mail's link. Confirms a pending
 * subscriber (again is fine) and answers a page in its language, or JSON to a client that asks for
 * it. A token that is not a current confirm token, or one of an address that has since unsubscribed
 * or bounced, is a 404.
 */
export async function confirmSubscriptionRoute({ event, deps, query }: RouteInput<ApiOperations['confirmSubscription']>) {
  const now = deps.clock().toISOString();
  const outcome = await changeTokenHolder(deps, query.token, 'confirm', (subscriber) => {
    const decided = confirmSubscriber(subscriber, now);
    return { ...(decided.confirmed ? { next: decided.next } : {}), answer: decided.confirmed };
  });
  if (!outcome?.answer) return subscriptionLinkNotFound(event, deps);
  if (prefersJson(event)) return json(200, { status: 'confirmed' }, { 'cache-control': 'no-store' });
  const links = subscriptionLinks(deps.publicBaseUrl(), outcome.subscriber, await deps.tokens());
  return subscriptionPageResult(deps, 200, { kind: 'confirmed', preferencesUrl: links.preferences }, outcome.subscriber.locale);
}
