import { addUpdate } from '../../../core/incident/lifecycle.js';
import type { RouteContext } from '../route.js';
import { commitChange } from '../commit-change.js';
import { loadIncidentForChange } from '../load-incident-for-change.js';
import { readJsonBody } from '../read-json-body.js';
import { readIdempotencyKey, readIfMatch } from '../request-headers.js';
import { requestFingerprint } from '../request-fingerprint.js';

/** `POST /v1/incidents/{id}/updates`: appends one update; `resolved` sends the recovery. */
export async function addUpdateRoute({ event, deps, params }: RouteContext) {
  const input = readJsonBody(event, deps.schemas.addUpdateSchema);
  const idempotencyKey = readIdempotencyKey(event);
  const ifMatch = readIfMatch(event);
  return commitChange(deps, {
    idempotencyKey,
    ifMatch,
    requestHash: requestFingerprint(`POST /v1/incidents/${params.id}/updates`, input),
    prepare: async () => {
      const { head, updates } = await loadIncidentForChange(deps, params.id!, ifMatch);
      return {
        change: addUpdate(head, input, deps.ids.updateId(), deps.clock().toISOString(), deps.config),
        expectedVersion: head.version,
        earlierUpdates: updates,
      };
    },
  });
}
