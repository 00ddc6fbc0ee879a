import type { IncidentHead, MaintenanceWindow } from '../incident/model.js';
import { isMaintenanceStatus } from '../incident/vocabulary.js';
import type { MaintenanceStatus } from '../incident/vocabulary.js';

/** A maintenance window's head: its status narrowed, its window present. */
export type MaintenanceHead = IncidentHead & { status: MaintenanceStatus; window: MaintenanceWindow };

/** Incidents and windows share the store; a head with a window and a window's status is a window's. */
export function isMaintenanceHead(head: IncidentHead | undefined): head is MaintenanceHead {
  return head?.window !== undefined && isMaintenanceStatus(head.status);
}
