import { MaintenanceNotFound } from '../../core/incident/errors.js';
import { maintenanceIdPattern } from '../../core/maintenance/maintenance-id.js';
import { isMaintenanceHead } from '../../core/maintenance/maintenance-head.js';
import type { MaintenanceHead } from '../../core/maintenance/maintenance-head.js';
import type { StoredIncident } from '../../core/ports/incident-store.js';
import { assertIfMatch } from './load-incident-for-change.js';
import type { IncidentLookup } from './load-incident-for-change.js';

/** A maintenance window with its timeline: `MaintenanceNotFound` for an unknown id, an incident's among them. */
export async function findMaintenance(deps: IncidentLookup, maintenanceId: string): Promise<StoredIncident & { head: MaintenanceHead }> {
  // An id that cannot be ours is unknown, and never reaches the store's key-size limits.
  const stored = maintenanceIdPattern.test(maintenanceId) ? await deps.incidents.getIncident(maintenanceId) : undefined;
  if (!stored || !isMaintenanceHead(stored.head)) throw new MaintenanceNotFound(`no maintenance window with id "${maintenanceId.slice(0, 80)}"`);
  return { head: stored.head, updates: stored.updates };
}

/** The window a change applies to, or `VersionMismatch` when If-Match is stale. */
export async function loadMaintenanceForChange(deps: IncidentLookup, maintenanceId: string, ifMatch: number | undefined) {
  const stored = await findMaintenance(deps, maintenanceId);
  assertIfMatch(`maintenance ${maintenanceId}`, stored.head.version, ifMatch);
  return stored;
}
