import { IncidentNotFound } from './errors.js';
import type { IncidentHead } from './model.js';
import { isMaintenanceStatus } from './vocabulary.js';
import type { IncidentStatus } from './vocabulary.js';

/**
 * The status of a head that must be an incident's: incidents and maintenance windows share the
 * store, and an incident route given a window's head answers as for an unknown incident.
 */
export function incidentStatusOf(head: Pick<IncidentHead, 'id' | 'status'>): IncidentStatus {
  if (isMaintenanceStatus(head.status)) throw new IncidentNotFound(`no incident with id "${head.id}"`);
  return head.status;
}
