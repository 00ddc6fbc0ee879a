import { publicReadCacheControl } from '../../../core/api/public-read-cache.js';
import type { ApiOperations } from '../../../core/api/api-contract.js';
import type { RouteInput } from '../route.js';

/**
 * `GET /v1/status`: from the in-memory snapshot, cacheable so a CDN absorbs a surge, and usable stale
 * for a day should the API fail (RFC 5861), as the published snapshot is. While the store cannot be
 * read, the last good answer is served for a few seconds only, marked `X-Status-Stale`.
 */
export async function getStatusRoute({ deps }: RouteInput<ApiOperations['getStatus']>) {
  const { body, stale } = await deps.status.body();
  return {
    statusCode: 200,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': stale ? 'public, max-age=5' : publicReadCacheControl(deps.config.statusCacheSeconds),
      ...(stale ? { 'x-status-stale': 'true' } : {}),
    },
    body,
  };
}
