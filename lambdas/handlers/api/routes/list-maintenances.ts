import { publicReadCacheControl } from '../../../core/api/public-read-cache.js';
import type { ApiOperations } from '../../../core/api/api-contract.js';
import { isMaintenanceHead } from '../../../core/maintenance/maintenance-head.js';
import { presentMaintenance } from '../../../core/maintenance/present-maintenance.js';
import { json } from '../http.js';
import type { RouteInput } from '../route.js';

/** `GET /v1/maintenances`: one phase of windows, each with its timeline (read in batches), a page at a time. */
export async function listMaintenancesRoute({ deps, query }: RouteInput<ApiOperations['listMaintenances']>) {
  const page = await deps.incidents.listMaintenances(query.state, query.limit, query.cursor);
  const heads = page.heads.filter(isMaintenanceHead);
  const timelines = await deps.incidents.timelinesOf(heads);
  const items = heads.map((head) => presentMaintenance(head, timelines.get(head.id) ?? [], deps.config));
  return json(200, { items, nextCursor: page.nextCursor }, { 'cache-control': publicReadCacheControl(5) });
}
