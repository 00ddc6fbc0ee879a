import { declareIncident } from '../../../core/incident/lifecycle.js';
import type { RouteContext } from '../route.js';
import { commitChange } from '../commit-change.js';
import { readJsonBody } from '../read-json-body.js';
import { readIdempotencyKey } from '../request-headers.js';
import { requestFingerprint } from '../request-fingerprint.js';

/** `POST /v1/incidents`: the incident opens with its apology as update 1. */
export async function declareIncidentRoute({ event, deps }: RouteContext) {
  const input = readJsonBody(event, deps.schemas.declareIncidentSchema);
  const idempotencyKey = readIdempotencyKey(event);
  return commitChange(deps, {
    idempotencyKey,
    requestHash: requestFingerprint('POST /v1/incidents', input),
    prepare: async () => ({
      change: declareIncident(
        input,
        { incidentId: deps.ids.incidentId(), updateId: deps.ids.updateId() },
        deps.clock().toISOString(),
        deps.config,
      ),
      expectedVersion: null,
      earlierUpdates: [],
    }),
  });
}
