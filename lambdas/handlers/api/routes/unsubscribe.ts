import type { ApiOperations } from '../../../core/api/api-contract.js';
import { maskAddress } from '../../../core/email/mask-address.js';
import { unsubscribeSubscriber } from '../../../core/subscribers/unsubscribe-subscriber.js';
import { changeTokenHolder } from '../change-token-holder.js';
import { json } from '../http.js';
import { prefersJson } from '../prefers-json.js';
import { readOneClickBody } from '../read-one-click-body.js';
import type { RouteInput } from '../route.js';
import { subscriptionLinkNotFound } from '../subscription-link-not-found.js';
import { subscriptionPageResult } from '../subscription-page-result.js';

/**
 * `POST /v1/subscriptions/unsubscribe?token=`: unsubscribes at once. It is the target of the mails'
 * `List-Unsubscribe` header (RFC 8058 one-click: the provider POSTs `List-Unsubscribe=One-Click`)
 * and of the unsubscribe page's button. Unsubscribing twice answers the same page; a bad token 404s.
 */
export async function unsubscribeRoute({ event, deps, query }: RouteInput<ApiOperations['unsubscribe']>) {
  // The contract declares no JSON body here: the one-click forms are checked by hand, before the token.
  readOneClickBody(event);
  const now = deps.clock().toISOString();
  const outcome = await changeTokenHolder(deps, query.token, 'manage', (subscriber) => ({ next: unsubscribeSubscriber(subscriber, now, 'one-click'), answer: true }));
  if (!outcome) return subscriptionLinkNotFound(event, deps);
  if (prefersJson(event)) return json(200, { status: 'unsubscribed' }, { 'cache-control': 'no-store' });
  return subscriptionPageResult(deps, 200, { kind: 'unsubscribed', maskedEmail: maskAddress(outcome.subscriber.email) }, outcome.subscriber.locale);
}
