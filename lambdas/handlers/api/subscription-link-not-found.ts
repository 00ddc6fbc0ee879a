import type { ApiDependencies } from './api-dependencies.js';
import type { ApiEvent, ApiResult } from './http.js';
import { prefersJson } from './prefers-json.js';
import { problemResult } from './problem.js';
import { subscriptionNotFoundProblem } from './subscription-not-found-problem.js';
import { subscriptionPageResult } from './subscription-page-result.js';

/**
 * The 404 of a link a person opens: a page (in the default locale, since whose link it was is not
 * known), or problem+json for a client that asks for JSON.
 *
 * @example
 * if (!subscriber) return subscriptionLinkNotFound(event, deps);
 */
export function subscriptionLinkNotFound(event: ApiEvent, deps: Pick<ApiDependencies, 'config' | 'publicBaseUrl'>): ApiResult {
  if (prefersJson(event)) return problemResult(subscriptionNotFoundProblem());
  return subscriptionPageResult(deps, 404, { kind: 'link-not-found' }, deps.config.defaultLocale);
}
