import type { Context } from 'aws-lambda';
import type { Config } from '../../core/config/config-schema.js';
import type { Clock } from '../../core/ports/clock.js';
import type { CommanderAlerts } from '../../core/ports/commander-alerts.js';
import type { IdSource } from '../../core/ports/id-source.js';
import type { IncidentStore } from '../../core/ports/incident-store.js';
import type { Logger } from '../../core/ports/logger.js';
import type { Metrics } from '../../core/ports/metrics.js';
import type { PromiseReminders } from '../../core/ports/promise-reminders.js';
import { timerTargetSchema } from '../../core/timers/timer-target.js';
import { advanceMaintenance } from './advance-maintenance.js';
import { remindOfPromise } from './remind-of-promise.js';

export interface TimerDependencies {
  config: Config;
  incidents: Pick<IncidentStore, 'getHead' | 'commit'>;
  reminders: PromiseReminders;
  alerts: CommanderAlerts;
  ids: Pick<IdSource, 'updateId'>;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

/**
 * What a fired timer does (deployed: EventBridge Scheduler invokes the timer function with the
 * timer's target; locally the runtime's scheduler calls it): remind the commanders of a missed
 * promise, or move a maintenance window on. A target that does not parse is logged and dropped:
 * retrying cannot make it valid. A failure to act throws, so the invocation is retried.
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
    if (target.kind === 'promise-due') await remindOfPromise(target, deps);
    else await advanceMaintenance(target, deps);
  };
}
