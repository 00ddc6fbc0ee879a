import type { IncidentHead } from '../incident/model.js';
import { isMaintenanceHead } from './maintenance-head.js';
import type { MaintenanceHead } from './maintenance-head.js';
import { maintenancePhaseOf } from './maintenance-phase.js';

/** How far ahead the status shows an upcoming window. */
export const upcomingHorizonMs = 7 * 24 * 60 * 60 * 1000;

/**
 * The windows the status shows at `now`: those in progress, and those starting within 7 days, soonest
 * first. Given heads of any kind, several versions of one window among them (an index lags its table;
 * the stream carries fresher heads), it keeps each window's highest version.
 *
 * @example
 * shownMaintenances([...listedActive, ...listedUpcoming, ...seenOnTheStream], now);
 */
export function shownMaintenances(heads: readonly IncidentHead[], now: string): MaintenanceHead[] {
  const freshest = new Map<string, MaintenanceHead>();
  for (const head of heads) {
    if (!isMaintenanceHead(head)) continue;
    const known = freshest.get(head.id);
    if (!known || head.version > known.version) freshest.set(head.id, head);
  }
  const horizon = new Date(Date.parse(now) + upcomingHorizonMs).toISOString();
  return [...freshest.values()]
    .filter((head) => {
      const phase = maintenancePhaseOf(head.status);
      return phase === 'active' || (phase === 'upcoming' && head.window.scheduledFor <= horizon);
    })
    .sort((a, b) => (a.window.scheduledFor === b.window.scheduledFor ? a.id.localeCompare(b.id) : a.window.scheduledFor.localeCompare(b.window.scheduledFor)));
}
