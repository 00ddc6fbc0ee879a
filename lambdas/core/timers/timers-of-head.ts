import type { IncidentHead } from '../incident/model.js';
import { isMaintenanceHead } from '../maintenance/maintenance-head.js';
import type { MaintenanceHead } from '../maintenance/maintenance-head.js';
import type { MaintenanceTimerKind } from '../maintenance/maintenance-lifecycle.js';
import type { Timer } from './timer-target.js';

/** What the timer engine should hold for a record after a change: the timer, or its name to clear. */
export type TimerPlan = { set: Timer } | { clear: string };

/**
 * The timers an incident or a maintenance window needs as it now stands, each for its current
 * version. An incident: its "next update by" promise while it is open and has one. A window: while
 * scheduled, its reminder (if one is still due) and its automatic start; while started, its
 * automatic completion. Every other timer of the record is cleared, so a rescheduled, cancelled or
 * finished window keeps none.
 *
 * @example
 * timersOfHead(head); // [{ set: { name: 'promise-inc_01J…', dueAt: head.nextUpdateBy, target: { kind: 'promise-due', incidentId, version } } }]
 */
export function timersOfHead(head: IncidentHead): TimerPlan[] {
  if (isMaintenanceHead(head)) return maintenanceTimers(head);
  const name = promiseTimerName(head.id);
  if (head.status === 'resolved' || !head.nextUpdateBy) return [{ clear: name }];
  return [{ set: { name, dueAt: head.nextUpdateBy, target: { kind: 'promise-due', incidentId: head.id, version: head.version } } }];
}

export function promiseTimerName(incidentId: string): string {
  return `promise-${incidentId}`;
}

export function maintenanceTimerName(maintenanceId: string, kind: MaintenanceTimerKind): string {
  return `${kind}-${maintenanceId}`;
}

function maintenanceTimers(head: MaintenanceHead): TimerPlan[] {
  const { window, status } = head;
  const due: Record<MaintenanceTimerKind, string | null> = {
    'maintenance-reminder': status === 'scheduled' ? window.reminderDue : null,
    'maintenance-start': status === 'scheduled' && window.autoStart ? window.scheduledFor : null,
    'maintenance-end': (status === 'in_progress' || status === 'verifying') && window.autoComplete ? window.scheduledUntil : null,
  };
  return (Object.entries(due) as [MaintenanceTimerKind, string | null][]).map(([kind, dueAt]) => {
    const name = maintenanceTimerName(head.id, kind);
    return dueAt === null ? { clear: name } : { set: { name, dueAt, target: { kind, maintenanceId: head.id, version: head.version } } };
  });
}
