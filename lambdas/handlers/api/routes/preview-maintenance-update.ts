import type { ApiOperations } from '../../../core/api/api-contract.js';
import { renderUpdate } from '../../../core/channels/channel-catalog.js';
import { updateMaintenance } from '../../../core/maintenance/maintenance-lifecycle.js';
import { json } from '../http.js';
import { loadMaintenanceForChange } from '../load-maintenance.js';
import { toMessage } from '../preview-message.js';
import type { RouteInput } from '../route.js';

/**
 * `POST /v1/maintenances/{id}/preview`: what the update would send everywhere; stores and sends
 * nothing, and refuses what the update would refuse (404, 412, 409, 400).
 */
export async function previewMaintenanceUpdateRoute({ deps, params, body, headers }: RouteInput<ApiOperations['previewMaintenanceUpdate']>) {
  const { head } = await loadMaintenanceForChange(deps, params.id, headers.ifMatch);
  const change = updateMaintenance(head, { ...body, notify: true }, 'upd_preview', deps.clock().toISOString(), deps.config);
  const messages = renderUpdate(change.update, deps.config).map(toMessage);
  return json(200, { messages }, { 'cache-control': 'no-store' });
}
