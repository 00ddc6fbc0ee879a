import type { ApiOperations } from '../../../core/api/api-contract.js';
import type { RouteInput } from '../route.js';

/** `GET /v1/status`: from the in-memory snapshot, cacheable so a CDN absorbs a surge. */
export async function getStatusRoute({ deps }: RouteInput<ApiOperations['getStatus']>) {
  return {
    statusCode: 200,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': `public, max-age=${deps.config.statusCacheSeconds}`,
    },
    body: await deps.status.body(),
  };
}
