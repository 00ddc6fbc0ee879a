import type { Timer } from '../timers/timer-target.js';

/**
 * The timer engine: deployed, Amazon EventBridge Scheduler's one-time schedules; locally, the
 * runtime's scheduler. Setting a name that exists moves it; clearing one that does not is no error.
 *
 * @example
 * await timers.set({ name: 'promise-inc_01J…', dueAt: '2024-12-12T00:16:00.000Z', target });
 */
export interface TimerSchedule {
  set(timer: Timer): Promise<void>;
  clear(name: string): Promise<void>;
}
