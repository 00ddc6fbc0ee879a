import { renderSubscriptionPage } from '../../core/subscribers/subscription-pages.js';
import type { SubscriptionPage } from '../../core/subscribers/subscription-pages.js';
import type { ApiDependencies } from './api-dependencies.js';
import type { ApiResult } from './http.js';

/**
 * What the pages may load: the status site's stylesheet, nothing else; their one form posts back to
 * the same origin. No script, no inline style, no framing.
 */
const pageSecurityPolicy = "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * A subscription page as the answer: HTML in the subscriber's language, never cached (it is about
 * one subscriber and its URL carries a token), under a policy that allows no script.
 *
 * @example
 * return subscriptionPageResult(deps, 404, { kind: 'link-not-found' }, deps.config.defaultLocale);
 */
export function subscriptionPageResult(deps: Pick<ApiDependencies, 'config' | 'publicBaseUrl'>, statusCode: number, page: SubscriptionPage, locale: string): ApiResult {
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': pageSecurityPolicy,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
    body: renderSubscriptionPage(page, locale, {
      serviceName: deps.config.serviceName,
      // The status site is served at the root of the same origin as these pages.
      statusPageUrl: `${deps.publicBaseUrl().replace(/\/+$/, '')}/`,
    }),
  };
}
