import type { ApiOperations } from '../../../core/api/api-contract.js';
import { maskAddress } from '../../../core/email/mask-address.js';
import { subscriptionLinks } from '../../../core/subscribers/subscription-links.js';
import type { RouteInput } from '../route.js';
import { subscriberForToken } from '../subscriber-for-token.js';
import { subscriptionLinkNotFound } from '../subscription-link-not-found.js';
import { subscriptionPageResult } from '../subscription-page-result.js';

/**
 * `GET /v1/subscriptions/unsubscribe?token=`: the page behind the unsubscribe link, with a button
 * that POSTs to this same URL. Opening it changes nothing: mail scanners and link previews follow
 * every link in a mail, and must not unsubscribe anyone.
 */
export async function unsubscribePageRoute({ event, deps, query }: RouteInput<ApiOperations['unsubscribePage']>) {
  const subscriber = await subscriberForToken(deps, query.token, 'manage');
  if (!subscriber) return subscriptionLinkNotFound(event, deps);
  const maskedEmail = maskAddress(subscriber.email);
  if (subscriber.state === 'unsubscribed' || subscriber.state === 'suppressed') {
    return subscriptionPageResult(deps, 200, { kind: 'unsubscribed', maskedEmail }, subscriber.locale);
  }
  const { preferences } = subscriptionLinks(deps.publicBaseUrl(), subscriber, await deps.tokens());
  return subscriptionPageResult(deps, 200, { kind: 'unsubscribe-form', maskedEmail, token: query.token, preferencesUrl: preferences }, subscriber.locale);
}
