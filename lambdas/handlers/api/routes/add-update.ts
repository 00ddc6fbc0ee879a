import type { ApiOperations } from '../../../core/api/api-contract.js';
import { addUpdate } from '../../../core/incident/lifecycle.js';
import { commitChange } from '../commit-change.js';
import { loadIncidentForChange } from '../load-incident-for-change.js';
import { requestFingerprint } from '../request-fingerprint.js';
import type { RouteInput } from '../route.js';

/** `POST /v1/incidents/{id}/updates`: appends one update; `resolved` sends the recovery. */
export async function addUpdateRoute({ deps, params, body, headers }: RouteInput<ApiOperations['addUpdate']>) {
  return commitChange(deps, {
    idempotencyKey: headers.idempotencyKey,
    ifMatch: headers.ifMatch,
    requestHash: requestFingerprint(`POST /v1/incidents/${params.id}/updates`, body),
    prepare: async () => {
      const { head, updates } = await loadIncidentForChange(deps, params.id, headers.ifMatch);
      return {
        change: addUpdate(head, body, deps.ids.updateId(), deps.clock().toISOString(), deps.config),
        expectedVersion: head.version,
        earlierUpdates: updates,
      };
    },
  });
}
