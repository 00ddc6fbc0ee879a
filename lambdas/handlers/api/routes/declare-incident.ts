import type { ApiOperations } from '../../../core/api/api-contract.js';
import { declareIncident } from '../../../core/incident/lifecycle.js';
import { applyScenario } from '../../../core/incident/apply-scenario.js';
import { commitChange } from '../commit-change.js';
import { requestFingerprint } from '../request-fingerprint.js';
import type { RouteInput } from '../route.js';

/** `POST /v1/incidents`: the incident opens with its apology as update 1. */
export async function declareIncidentRoute({ deps, body, headers }: RouteInput<ApiOperations['declareIncident']>) {
  return commitChange(deps, {
    idempotencyKey: headers.idempotencyKey,
    requestHash: requestFingerprint('POST /v1/incidents', body),
    prepare: async () => ({
      change: declareIncident(applyScenario(body, deps.config), { incidentId: deps.ids.incidentId(), updateId: deps.ids.updateId() }, deps.clock().toISOString(), deps.config),
      expectedVersion: null,
      earlierUpdates: [],
    }),
  });
}
