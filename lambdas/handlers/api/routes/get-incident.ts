import type { RouteContext } from '../route.js';
import { incidentAnswer } from '../incident-answer.js';
import { findIncident } from '../load-incident-for-change.js';

/** `GET /v1/incidents/{id}`: one incident with its whole timeline. */
export async function getIncidentRoute({ deps, params }: RouteContext) {
  const { head, updates } = await findIncident(deps, params.id!);
  return incidentAnswer(200, head, updates, deps.config);
}
