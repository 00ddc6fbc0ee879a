import type { ApiOperations } from '../../../core/api/api-contract.js';
import { updateMaintenance } from '../../../core/maintenance/maintenance-lifecycle.js';
import { commitChange } from '../commit-change.js';
import { loadMaintenanceForChange } from '../load-maintenance.js';
import { requestFingerprint } from '../request-fingerprint.js';
import type { RouteInput } from '../route.js';

/** `POST /v1/maintenances/{id}/updates`: reschedule, start, extend, verify, complete or cancel. */
export async function updateMaintenanceRoute({ deps, params, body, headers }: RouteInput<ApiOperations['updateMaintenance']>) {
  return commitChange(deps, {
    idempotencyKey: headers.idempotencyKey,
    ifMatch: headers.ifMatch,
    requestHash: requestFingerprint(`POST /v1/maintenances/${params.id}/updates`, body),
    prepare: async () => {
      const { head, updates } = await loadMaintenanceForChange(deps, params.id, headers.ifMatch);
      return {
        change: updateMaintenance(head, body, deps.ids.updateId(), deps.clock().toISOString(), deps.config),
        expectedVersion: head.version,
        earlierUpdates: updates,
      };
    },
  });
}
