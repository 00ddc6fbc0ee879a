import type { Config } from '../config/config-schema.js';
import type { IncidentHead } from '../incident/model.js';
import type { CommanderReminder } from '../ports/commander-alerts.js';
import { isMaintenanceStatus } from '../incident/vocabulary.js';
import type { TimerTarget } from './timer-target.js';

type PromiseTarget = Extract<TimerTarget, { kind: 'promise-due' }>;

export type PromiseDecision = { remind: CommanderReminder } | { nothing: string };

/**
 * What a "next update by" timer should do: remind the commanders when the incident still stands at
 * the version the promise was made in, is open, and the promise has passed. Anything else (an update
 * came, the incident was resolved, the timer came early or was already acted on) sends nothing; the
 * store's conditional write then makes the reminder once per missed promise.
 *
 * @example
 * promiseDue(head, { kind: 'promise-due', incidentId, version: 3 }, new Date(), config); // { remind: { … } }
 */
export function promiseDue(head: IncidentHead | undefined, target: PromiseTarget, now: Date, config: Config): PromiseDecision {
  if (!head) return { nothing: 'the incident does not exist' };
  if (head.version !== target.version) return { nothing: `an update came since (version ${head.version}, promise made at ${target.version})` };
  if (isMaintenanceStatus(head.status)) return { nothing: 'a maintenance window makes no promise' };
  if (head.status === 'resolved') return { nothing: 'the incident is resolved' };
  if (!head.nextUpdateBy) return { nothing: 'the incident promises no update' };
  if (Date.parse(head.nextUpdateBy) > now.getTime()) return { nothing: 'the promise has not passed yet' };
  const minutesLate = Math.max(0, Math.floor((now.getTime() - Date.parse(head.nextUpdateBy)) / 60_000));
  return {
    remind: {
      incidentId: head.id,
      version: head.version,
      title: head.title,
      status: head.status,
      impact: head.impact,
      nextUpdateBy: head.nextUpdateBy,
      lastUpdateAt: head.updatedAt,
      url: config.statusPageUrl,
      text:
        `Customers were promised an update on "${head.title}" by ${head.nextUpdateBy}` +
        `${minutesLate > 0 ? ` (${minutesLate} min ago)` : ''}; the last one went out at ${head.updatedAt}. ` +
        'Post an update (it can say you are still working on it) and set the next promise.',
    },
  };
}
