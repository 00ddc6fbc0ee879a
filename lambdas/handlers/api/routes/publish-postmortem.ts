import type { ApiOperations } from '../../../core/api/api-contract.js';
import { publishPostmortem } from '../../../core/incident/publish-postmortem.js';
import { commitChange } from '../commit-change.js';
import { loadIncidentForChange } from '../load-incident-for-change.js';
import { requestFingerprint } from '../request-fingerprint.js';
import type { RouteInput } from '../route.js';

/** `PUT /v1/incidents/{id}/postmortem`: appends the postmortem (or its revision) to a resolved incident's timeline. */
export async function publishPostmortemRoute({ deps, params, body, headers }: RouteInput<ApiOperations['publishPostmortem']>) {
  return commitChange(deps, {
    idempotencyKey: headers.idempotencyKey,
    ifMatch: headers.ifMatch,
    requestHash: requestFingerprint(`PUT /v1/incidents/${params.id}/postmortem`, body),
    statusCode: 200,
    prepare: async () => {
      const stored = await loadIncidentForChange(deps, params.id, headers.ifMatch);
      return {
        change: publishPostmortem(stored, body, deps.ids.updateId(), deps.clock().toISOString(), deps.config),
        expectedVersion: stored.head.version,
        earlierUpdates: stored.updates,
      };
    },
  });
}
