import type { ApiOperations } from '../../../core/api/api-contract.js';
import { presentSubscriber } from '../../../core/subscribers/present-subscriber.js';
import { json } from '../http.js';
import type { RouteInput } from '../route.js';

/** `GET /v1/subscribers`: the list for commanders (an export), newest first, optionally one state. */
export async function listSubscribersRoute({ deps, query }: RouteInput<ApiOperations['listSubscribers']>) {
  const page = await deps.subscribers.list({ limit: query.limit, ...(query.state ? { state: query.state } : {}), ...(query.cursor ? { cursor: query.cursor } : {}) });
  return json(200, { items: page.subscribers.map(presentSubscriber), nextCursor: page.nextCursor }, { 'cache-control': 'no-store' });
}
