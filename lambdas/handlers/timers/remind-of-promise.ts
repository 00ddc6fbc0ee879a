import { promiseDue } from '../../core/timers/promise-due.js';
import type { TimerTarget } from '../../core/timers/timer-target.js';
import type { TimerDependencies } from './create-timer-handler.js';

/**
 * A claim older than this was taken by a run that died before it reminded: a retry may remind. It
 * is longer than the function's timeout, so a claim is never taken over while its holder still runs.
 */
export const reminderClaimLeaseMs = 120_000;

/**
 * A "next update by" promise is due: the commanders are reminded once, when the incident still
 * stands where the promise was made and the promise has passed. A failure to remind throws, and the
 * claim's lease lets the retry remind.
 *
 * @example
 * await remindOfPromise({ kind: 'promise-due', incidentId, version: 3 }, deps);
 */
export async function remindOfPromise(target: Extract<TimerTarget, { kind: 'promise-due' }>, deps: TimerDependencies): Promise<void> {
  const log = deps.logger.withKeys({ timer: target.kind, incidentId: target.incidentId, version: target.version });
  const now = deps.clock();
  const decision = promiseDue(await deps.incidents.getHead(target.incidentId), target, now, deps.config);
  if ('nothing' in decision) {
    log.info('timer fired; nothing to do', { reason: decision.nothing });
    return;
  }
  const staleBefore = new Date(now.getTime() - reminderClaimLeaseMs).toISOString();
  if (!(await deps.reminders.claim(target.incidentId, target.version, now.toISOString(), staleBefore))) {
    log.info('timer fired; the commanders were already reminded of this promise, or are being reminded');
    return;
  }
  await deps.alerts.remind(decision.remind);
  await deps.reminders.markReminded(target.incidentId, target.version, deps.clock().toISOString());
  deps.metrics.record('PromisesMissed', 1, {});
  log.warn('next-update promise missed; commanders reminded', { nextUpdateBy: decision.remind.nextUpdateBy });
}
