import type { ApiOperations } from '../../../core/api/api-contract.js';
import { changePreferences } from '../../../core/subscribers/change-preferences.js';
import { presentPreferences } from '../../../core/subscribers/present-preferences.js';
import { changeTokenHolder } from '../change-token-holder.js';
import { json } from '../http.js';
import type { RouteInput } from '../route.js';
import { subscriptionNotFoundProblem } from '../subscription-not-found-problem.js';

/**
 * `PUT /v1/subscriptions/preferences?token=`: changes locale, components or time zone, and answers
 * them as stored. A confirmed subscriber's mail follows at once (the audience index moves with it).
 */
export async function updatePreferencesRoute({ deps, query, body }: RouteInput<ApiOperations['updatePreferences']>) {
  const outcome = await changeTokenHolder(deps, query.token, 'manage', (subscriber) => ({ next: changePreferences(subscriber, body), answer: true }));
  if (!outcome) throw subscriptionNotFoundProblem();
  return json(200, presentPreferences(outcome.subscriber), { 'cache-control': 'no-store' });
}
