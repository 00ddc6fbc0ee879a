import type { IncidentHead } from '../incident/model.js';
import { isMaintenanceHead } from '../maintenance/maintenance-head.js';

/**
 * The open incidents as the snapshot should show them: those the index listed, corrected by the
 * heads the stream just carried (an index lags its table for a moment, and a snapshot built for a
 * change must show that change): for each incident the higher version wins, and an incident whose
 * freshest version is resolved drops out. Newest first, like the listing.
 *
 * @example
 * freshestOpenIncidents(await incidents.listOpen(), updates.map(headAfter));
 */
export function freshestOpenIncidents(listed: readonly IncidentHead[], seen: readonly IncidentHead[]): IncidentHead[] {
  const freshest = new Map<string, IncidentHead>();
  for (const head of [...listed, ...seen]) {
    const known = freshest.get(head.id);
    if (!known || head.version > known.version) freshest.set(head.id, head);
  }
  return [...freshest.values()]
    .filter((head) => head.status !== 'resolved' && !isMaintenanceHead(head))
    .sort((a, b) => (a.startedAt === b.startedAt ? b.id.localeCompare(a.id) : b.startedAt.localeCompare(a.startedAt)));
}
