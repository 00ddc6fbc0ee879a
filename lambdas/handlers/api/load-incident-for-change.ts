import { incidentIdPattern } from '../../adapters/ids.js';
import type { IncidentHead, TimelineUpdate } from '../../core/incident/model.js';
import type { ApiDependencies } from './api-dependencies.js';
import { HttpProblem } from './problem.js';

/** The incident a change or a preview applies to: `404` when unknown, `412` when If-Match is stale. */
export async function loadIncidentForChange(
  deps: ApiDependencies,
  incidentId: string,
  ifMatch: number | undefined,
): Promise<{ head: IncidentHead; updates: TimelineUpdate[] }> {
  const stored = await findIncident(deps, incidentId);
  if (ifMatch !== undefined && ifMatch !== stored.head.version) {
    throw new HttpProblem(412, 'version-mismatch', `incident ${incidentId} is at version ${stored.head.version}, not ${ifMatch}`);
  }
  return stored;
}

export async function findIncident(deps: ApiDependencies, incidentId: string) {
  // An id that cannot be ours is unknown, and never reaches DynamoDB's key-size limits.
  const stored = incidentIdPattern.test(incidentId) ? await deps.incidents.getIncident(incidentId) : undefined;
  if (!stored) throw new HttpProblem(404, 'incident-not-found', `no incident with id "${incidentId.slice(0, 80)}"`);
  return stored;
}
