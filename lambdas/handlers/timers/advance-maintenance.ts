import { fireMaintenanceTimer } from '../../core/maintenance/maintenance-lifecycle.js';
import { TransientWriteConflict, VersionConflict } from '../../core/ports/store-errors.js';
import type { TimerTarget } from '../../core/timers/timer-target.js';
import type { TimerDependencies } from './create-timer-handler.js';

/**
 * A maintenance window's reminder, start or end is due: the change is committed on the version the
 * timer was set for, so a timer that fires twice, late, or after the window was rescheduled,
 * cancelled or finished by hand changes nothing and sends nothing. The stored update goes out
 * through the fan-out like any other.
 *
 * @example
 * await advanceMaintenance({ kind: 'maintenance-start', maintenanceId, version: 2 }, deps);
 */
export async function advanceMaintenance(target: Exclude<TimerTarget, { kind: 'promise-due' }>, deps: TimerDependencies): Promise<void> {
  const log = deps.logger.withKeys({ timer: target.kind, maintenanceId: target.maintenanceId, version: target.version });
  const head = await deps.incidents.getHead(target.maintenanceId);
  const change = fireMaintenanceTimer(head, target, deps.ids.updateId(), deps.clock().toISOString(), deps.config);
  if ('nothing' in change) {
    log.info('timer fired; nothing to do', { reason: change.nothing });
    return;
  }
  try {
    await deps.incidents.commit(change, target.version);
  } catch (error) {
    if (error instanceof VersionConflict || error instanceof TransientWriteConflict) {
      log.info('timer fired; the window changed meanwhile (a doubled timer, or a commander), so nothing is sent');
      return;
    }
    throw error;
  }
  log.info('maintenance window moved on', { kind: change.update.kind, status: change.head.status });
}
