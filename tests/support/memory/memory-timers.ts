import type { TimerSchedule } from '../../../lambdas/core/ports/timer-schedule.js';
import type { Timer } from '../../../lambdas/core/timers/timer-target.js';

/** The timer engine in memory: what is set, by name, for a test to read or fire. */
export class MemoryTimers implements TimerSchedule {
  readonly timers = new Map<string, Timer>();

  async set(timer: Timer): Promise<void> {
    this.timers.set(timer.name, structuredClone(timer));
  }

  async clear(name: string): Promise<void> {
    this.timers.delete(name);
  }
}
