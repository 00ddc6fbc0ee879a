import { publicReadCacheControl } from '../../../core/api/public-read-cache.js';
import type { ApiOperations } from '../../../core/api/api-contract.js';
import { incidentAnswer } from '../incident-answer.js';
import { findIncident } from '../load-incident-for-change.js';
import type { RouteInput } from '../route.js';

/** `GET /v1/incidents/{id}`: one incident with its whole timeline. */
export async function getIncidentRoute({ deps, params }: RouteInput<ApiOperations['getIncident']>) {
  const { head, updates } = await findIncident(deps, params.id);
  // Incident pages are read by everyone the status page sends there: the CDN answers them for a few seconds.
  return incidentAnswer(200, head, updates, deps.config, { 'cache-control': publicReadCacheControl(deps.config.statusCacheSeconds) });
}
