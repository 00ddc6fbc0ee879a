import { emailSubscriptionFilterPolicy } from '../../../core/channels/filter-policy.js';
import type { RouteContext } from '../route.js';
import { json } from '../http.js';
import { readJsonBody } from '../read-json-body.js';

/**
 * `POST /v1/subscriptions`: starts a double opt-in. The answer is the same whether or not the address
 * was already subscribed, so the route tells nobody who is on the list.
 */
export async function subscribeRoute({ event, deps }: RouteContext) {
  const input = readJsonBody(event, deps.schemas.subscribeSchema);
  const locale = input.locale ?? deps.config.defaultLocale;
  await deps.subscriptions.subscribe(input.email, emailSubscriptionFilterPolicy({ locale, components: input.components }, deps.config), locale);
  return json(202, { status: 'pending-confirmation', detail: 'check your inbox for a confirmation link' }, { 'cache-control': 'no-store' });
}
