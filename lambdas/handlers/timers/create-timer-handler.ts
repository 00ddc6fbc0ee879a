import type { Context } from 'aws-lambda';
import type { Config } from '../../core/config/config-schema.js';
import type { Clock } from '../../core/ports/clock.js';
import type { CommanderAlerts } from '../../core/ports/commander-alerts.js';
import type { IncidentStore } from '../../core/ports/incident-store.js';
import type { Logger } from '../../core/ports/logger.js';
import type { Metrics } from '../../core/ports/metrics.js';
import type { PromiseReminders } from '../../core/ports/promise-reminders.js';
import { promiseDue } from '../../core/timers/promise-due.js';
import { timerTargetSchema } from '../../core/timers/timer-target.js';

export interface TimerDependencies {
  config: Config;
  incidents: Pick<IncidentStore, 'getHead'>;
  reminders: PromiseReminders;
  alerts: CommanderAlerts;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

/**
 * A claim older than this was taken by a run that died before it reminded: a retry may remind. It
 * is longer than the function's timeout, so a claim is never taken over while its holder still runs.
 */
export const reminderClaimLeaseMs = 120_000;

/**
 * What a fired timer does (deployed: EventBridge Scheduler invokes the timer function with the
 * timer's target; locally the runtime's scheduler calls it). A target that does not parse is logged
 * and dropped: retrying cannot make it valid. A failure to remind throws, so the invocation is
 * retried, and the claim's lease lets the retry remind.
 *
 * @example
 * await createTimerHandler(deps)({ kind: 'promise-due', incidentId: 'inc_01J…', version: 3 });
 */
export function createTimerHandler(deps: TimerDependencies) {
  return async (event: unknown, _context?: Context): Promise<void> => {
    const parsed = timerTargetSchema.safeParse(event);
    if (!parsed.success) {
      deps.logger.error('a timer fired with a target this version does not know; dropped', { event: JSON.stringify(event).slice(0, 500) });
      return;
    }
    const target = parsed.data;
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
  };
}
