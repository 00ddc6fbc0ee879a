import type { ApiOperations } from '../../../core/api/api-contract.js';
import { json } from '../http.js';
import type { RouteInput } from '../route.js';

/** `GET /v1/feed`: the in-app feed of one locale, oldest first after the cursor. */
export async function readFeedRoute({ deps, query }: RouteInput<ApiOperations['readFeed']>) {
  const page = await deps.feed.page(query.locale, { limit: query.limit, after: query.after });
  return json(200, page, { 'cache-control': `public, max-age=${deps.config.statusCacheSeconds}` });
}
