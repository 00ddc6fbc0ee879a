import { publicReadCacheControl } from '../../../core/api/public-read-cache.js';
import type { ApiOperations } from '../../../core/api/api-contract.js';
import { renderAtomFeed } from '../../../core/feed/render-atom-feed.js';
import type { RouteInput } from '../route.js';

/** How many entries the Atom document carries: feed readers want the recent past, not all of it. */
const atomEntries = 50;

/** `GET /v1/feed.atom`: the same feed as Atom 1.0, newest first. */
export async function readAtomFeedRoute({ deps, query }: RouteInput<ApiOperations['readAtomFeed']>) {
  const { items } = await deps.feed.page(query.locale, { limit: atomEntries, newestFirst: true });
  const body = renderAtomFeed(items, {
    serviceName: deps.config.serviceName,
    statusPageUrl: deps.config.statusPageUrl,
    locale: query.locale,
    // From the configured origin, never from Host or X-Forwarded-*: a client must not be able to put its own link in a feed.
    selfUrl: `${deps.publicBaseUrl()}/v1/feed.atom?locale=${encodeURIComponent(query.locale)}`,
    updatedAt: items[0]?.createdAt ?? new Date(0).toISOString(),
  });
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': publicReadCacheControl(deps.config.statusCacheSeconds) },
    body,
  };
}
