import { publicReadCacheControl } from '../../../core/api/public-read-cache.js';
import type { ApiOperations } from '../../../core/api/api-contract.js';
import { feedSettleMs } from '../../../core/feed/feed-position.js';
import { json } from '../http.js';
import type { RouteInput } from '../route.js';

/**
 * `GET /v1/feed`: the in-app feed of one locale, oldest first after the cursor, which is never null:
 * it stays before items written in the last few seconds, so a poller gets those again (same `id`)
 * rather than miss one written a moment earlier that was not yet visible.
 */
export async function readFeedRoute({ deps, query }: RouteInput<ApiOperations['readFeed']>) {
  const settledBefore = new Date(deps.clock().getTime() - feedSettleMs).toISOString();
  const page = await deps.feed.page(query.locale, { limit: query.limit, after: query.after, settledBefore });
  return json(200, page, { 'cache-control': publicReadCacheControl(deps.config.statusCacheSeconds) });
}
