import type { ApiOperations } from '../../../core/api/api-contract.js';
import { presentWebhook } from '../../../core/webhooks/present-webhook.js';
import { json } from '../http.js';
import type { RouteInput } from '../route.js';

/** `GET /v1/webhooks`: every webhook subscriber for commanders, newest first, with how its deliveries go. */
export async function listWebhooksRoute({ deps, query }: RouteInput<ApiOperations['listWebhooks']>) {
  const page = await deps.webhooks.list({ limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
  return json(200, { items: page.items.map(presentWebhook), nextCursor: page.nextCursor }, { 'cache-control': 'no-store' });
}
