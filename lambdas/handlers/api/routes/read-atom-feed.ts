import type { ApiOperations } from '../../../core/api/api-contract.js';
import { renderAtomFeed } from '../../../core/feed/render-atom-feed.js';
import type { RouteInput } from '../route.js';

/** How many entries the Atom document carries: feed readers want the recent past, not all of it. */
const atomEntries = 50;

/** `GET /v1/feed.atom`: the same feed as Atom 1.0, newest first. */
export async function readAtomFeedRoute({ event, deps, query }: RouteInput<ApiOperations['readAtomFeed']>) {
  const { items } = await deps.feed.page(query.locale, { limit: atomEntries, newestFirst: true });
  const host = event.headers['x-forwarded-host'] ?? event.headers['host'] ?? 'localhost';
  const scheme = event.headers['x-forwarded-proto'] ?? (host.startsWith('127.0.0.1') || host.startsWith('localhost') ? 'http' : 'https');
  const body = renderAtomFeed(items, {
    serviceName: deps.config.serviceName,
    statusPageUrl: deps.config.statusPageUrl,
    locale: query.locale,
    selfUrl: `${scheme}://${host}/v1/feed.atom?locale=${encodeURIComponent(query.locale)}`,
    updatedAt: items[0]?.createdAt ?? new Date(0).toISOString(),
  });
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': `public, max-age=${deps.config.statusCacheSeconds}` },
    body,
  };
}
