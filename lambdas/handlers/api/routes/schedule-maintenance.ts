import type { ApiOperations } from '../../../core/api/api-contract.js';
import { scheduleMaintenance } from '../../../core/maintenance/maintenance-lifecycle.js';
import { commitChange } from '../commit-change.js';
import { requestFingerprint } from '../request-fingerprint.js';
import type { RouteInput } from '../route.js';

/** `POST /v1/maintenances`: the window opens with `maintenance_scheduled` as update 1; its timers follow from the stream. */
export async function scheduleMaintenanceRoute({ deps, body, headers }: RouteInput<ApiOperations['scheduleMaintenance']>) {
  return commitChange(deps, {
    idempotencyKey: headers.idempotencyKey,
    requestHash: requestFingerprint('POST /v1/maintenances', body),
    prepare: async () => ({
      change: scheduleMaintenance(body, { maintenanceId: deps.ids.maintenanceId(), updateId: deps.ids.updateId() }, deps.clock().toISOString(), deps.config),
      expectedVersion: null,
      earlierUpdates: [],
    }),
  });
}
