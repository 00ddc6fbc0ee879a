import { publicReadCacheControl } from '../../../core/api/public-read-cache.js';
import type { ApiOperations } from '../../../core/api/api-contract.js';
import { presentIncident } from '../../../core/incident/present-incident.js';
import { json } from '../http.js';
import type { RouteInput } from '../route.js';

/** `GET /v1/incidents`: newest first, each with its timeline (read in batches), one page at a time. */
export async function listIncidentsRoute({ deps, query }: RouteInput<ApiOperations['listIncidents']>) {
  const page = await deps.incidents.listIncidents(query.state, query.limit, query.cursor);
  const timelines = await deps.incidents.timelinesOf(page.heads);
  const items = page.heads.map((head) => presentIncident(head, timelines.get(head.id) ?? [], deps.config));
  return json(200, { items, nextCursor: page.nextCursor }, { 'cache-control': publicReadCacheControl(5) });
}
