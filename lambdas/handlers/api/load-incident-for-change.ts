import { IncidentNotFound, VersionMismatch } from '../../core/incident/errors.js';
import { incidentIdPattern } from '../../core/incident/incident-id.js';
import type { IncidentStore, StoredIncident } from '../../core/ports/incident-store.js';

/** All a change or a preview needs to find what it applies to: an incident read by its id. */
export interface IncidentLookup {
  incidents: Pick<IncidentStore, 'getIncident'>;
}

/** The incident a change or a preview applies to: `IncidentNotFound`, or `VersionMismatch` when If-Match is stale. */
export async function loadIncidentForChange(deps: IncidentLookup, incidentId: string, ifMatch: number | undefined): Promise<StoredIncident> {
  const stored = await findIncident(deps, incidentId);
  assertIfMatch(`incident ${incidentId}`, stored.head.version, ifMatch);
  return stored;
}

/** `If-Match` names the version a change was written against: a stale one is `VersionMismatch` (412). */
export function assertIfMatch(what: string, version: number, ifMatch: number | undefined): void {
  if (ifMatch !== undefined && ifMatch !== version) throw new VersionMismatch(`${what} is at version ${version}, not ${ifMatch}`);
}

export async function findIncident(deps: IncidentLookup, incidentId: string): Promise<StoredIncident> {
  // An id that cannot be ours is unknown, and never reaches the store's key-size limits.
  const stored = incidentIdPattern.test(incidentId) ? await deps.incidents.getIncident(incidentId) : undefined;
  if (!stored) throw new IncidentNotFound(`no incident with id "${incidentId.slice(0, 80)}"`);
  return stored;
}
