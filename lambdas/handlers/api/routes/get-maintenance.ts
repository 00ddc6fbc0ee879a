import { publicReadCacheControl } from '../../../core/api/public-read-cache.js';
import type { ApiOperations } from '../../../core/api/api-contract.js';
import { incidentAnswer } from '../incident-answer.js';
import { findMaintenance } from '../load-maintenance.js';
import type { RouteInput } from '../route.js';

/** `GET /v1/maintenances/{id}`: one window with its whole timeline. */
export async function getMaintenanceRoute({ deps, params }: RouteInput<ApiOperations['getMaintenance']>) {
  const { head, updates } = await findMaintenance(deps, params.id);
  return incidentAnswer(200, head, updates, deps.config, { 'cache-control': publicReadCacheControl(deps.config.statusCacheSeconds) });
}
