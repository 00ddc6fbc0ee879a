import type { ApiOperations } from '../../../core/api/api-contract.js';
import { emailSubscriptionFilterPolicy } from '../../../core/channels/filter-policy.js';
import { json } from '../http.js';
import type { RouteInput } from '../route.js';

/**
 * `POST /v1/subscriptions`: starts a double opt-in. The answer is the same whether or not the address
 * was already subscribed, so the route tells nobody who is on the list.
 */
export async function subscribeRoute({ deps, body }: RouteInput<ApiOperations['subscribe']>) {
  const locale = body.locale ?? deps.config.defaultLocale;
  await deps.subscriptions.subscribe(body.email, emailSubscriptionFilterPolicy({ locale, components: body.components }, deps.config), locale);
  return json(202, { status: 'pending-confirmation', detail: 'check your inbox for a confirmation link' }, { 'cache-control': 'no-store' });
}
