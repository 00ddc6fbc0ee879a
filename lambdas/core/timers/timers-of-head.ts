import type { IncidentHead } from '../incident/model.js';
import type { Timer } from './timer-target.js';

/** What the timer engine should hold for an incident after a change: the timer, or its name to clear. */
export type TimerPlan = { set: Timer } | { clear: string };

/**
 * The timers an incident needs as it now stands: its "next update by" promise while it is open and
 * has one; otherwise the promise's timer is cleared (resolved, or promising nothing).
 *
 * @example
 * timersOfHead(head); // [{ set: { name: 'promise-inc_01J…', dueAt: head.nextUpdateBy, target: { kind: 'promise-due', incidentId, version } } }]
 */
export function timersOfHead(head: IncidentHead): TimerPlan[] {
  const name = promiseTimerName(head.id);
  if (head.status === 'resolved' || !head.nextUpdateBy) return [{ clear: name }];
  return [{ set: { name, dueAt: head.nextUpdateBy, target: { kind: 'promise-due', incidentId: head.id, version: head.version } } }];
}

export function promiseTimerName(incidentId: string): string {
  return `promise-${incidentId}`;
}
