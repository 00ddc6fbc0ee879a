import type { ApiOperations } from '../../../core/api/api-contract.js';
import { presentPreferences } from '../../../core/subscribers/present-preferences.js';
import { json } from '../http.js';
import type { RouteInput } from '../route.js';
import { subscriberForToken } from '../subscriber-for-token.js';
import { subscriptionNotFoundProblem } from '../subscription-not-found-problem.js';

/** `GET /v1/subscriptions/preferences?token=`: what the preferences page shows, the address masked. */
export async function getPreferencesRoute({ deps, query }: RouteInput<ApiOperations['getPreferences']>) {
  const subscriber = await subscriberForToken(deps, query.token, 'manage');
  if (!subscriber) throw subscriptionNotFoundProblem();
  return json(200, presentPreferences(subscriber), { 'cache-control': 'no-store' });
}
