import { headAfter } from '../../core/incident/present-incident.js';
import type { TimelineUpdate } from '../../core/incident/model.js';
import type { TimerSchedule } from '../../core/ports/timer-schedule.js';
import { timersOfHead } from '../../core/timers/timers-of-head.js';

/**
 * Brings the timer engine in line with a stored update: its promise's timer set for the new
 * version (moved, when an earlier one was pending) or cleared. It runs from the stream, after the
 * change is stored, so a timer is never lost to a crash between the write and the scheduling: the
 * stream retries the record, and setting a timer twice is the same as once.
 *
 * @example
 * await keepTimers(update, timers);
 */
export async function keepTimers(update: TimelineUpdate, timers: TimerSchedule): Promise<void> {
  for (const plan of timersOfHead(headAfter(update))) {
    if ('set' in plan) await timers.set(plan.set);
    // Before its first update a record had no timer: clearing one would be a Scheduler call for nothing.
    else if (update.seq > 1) await timers.clear(plan.clear);
  }
}
