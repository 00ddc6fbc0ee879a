import type { Clock } from '../../lambdas/core/ports/clock.js';
import type { IncidentStore } from '../../lambdas/core/ports/incident-store.js';
import type { TimerSchedule } from '../../lambdas/core/ports/timer-schedule.js';
import type { Timer, TimerTarget } from '../../lambdas/core/timers/timer-target.js';
import { timersOfHead } from '../../lambdas/core/timers/timers-of-head.js';

export interface LocalTimersOptions {
  /** What a due timer does: the timer function's handler, as Scheduler would invoke it. */
  fire: (target: TimerTarget) => Promise<void>;
  /** The clock timers fall due by; tests move a manual one and call `tick()`. */
  clock: Clock;
  log: (line: string) => void;
  /** How often, in real ms, due timers are looked for. */
  checkEveryMs?: number;
}

/**
 * EventBridge Scheduler on a laptop: one timer per name, fired once when the clock reaches it. The
 * timers live in memory and are rebuilt at start from the stored incidents' due times, so a restart
 * loses none; a timer whose effect failed stays and fires again on the next check, as Scheduler
 * retries. What a timer does is decided by its handler against the stored version, so one fired
 * late, twice, or after its incident moved on sends nothing more.
 *
 * @example
 * const timers = new LocalTimers({ fire: createTimerHandler(deps), clock, log });
 * await timers.restore(stores.incidents);
 * timers.start();
 */
export class LocalTimers implements TimerSchedule {
  private readonly timers = new Map<string, Timer>();
  private interval: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly options: LocalTimersOptions) {}

  async set(timer: Timer): Promise<void> {
    this.timers.set(timer.name, structuredClone(timer));
  }

  async clear(name: string): Promise<void> {
    this.timers.delete(name);
  }

  /** The timers pending now, soonest first. */
  pending(): Timer[] {
    return [...this.timers.values()].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  }

  /**
   * Sets every timer the stored open incidents and the upcoming and active maintenance windows need:
   * what a restarted runtime would otherwise have lost.
   */
  async restore(incidents: Pick<IncidentStore, 'listOpen' | 'listMaintenances'>): Promise<void> {
    const heads = [...(await incidents.listOpen())];
    for (const phase of ['upcoming', 'active'] as const) {
      let cursor: string | undefined;
      do {
        const page = await incidents.listMaintenances(phase, 100, cursor);
        heads.push(...page.heads);
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
    }
    for (const head of heads) {
      for (const plan of timersOfHead(head)) if ('set' in plan) await this.set(plan.set);
    }
  }

  start(): void {
    this.interval ??= setInterval(() => void this.tick(), this.options.checkEveryMs ?? 1000);
    this.interval.unref();
  }

  /** Fires every timer due by the clock, one after another; resolves when they have run. */
  tick(): Promise<void> {
    // Ticks queue behind each other: a timer is never fired by two ticks at once.
    this.running = this.running.then(() => this.fireDue());
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.interval);
    this.interval = undefined;
    await this.running;
  }

  private async fireDue(): Promise<void> {
    const now = this.options.clock().toISOString();
    for (const timer of this.pending()) {
      if (timer.dueAt > now) break;
      try {
        await this.options.fire(timer.target);
        // Set again while it ran (a new promise under the same name): that one stays.
        const current = this.timers.get(timer.name);
        if (current && current.dueAt === timer.dueAt && JSON.stringify(current.target) === JSON.stringify(timer.target)) this.timers.delete(timer.name);
        this.options.log(`timer  ${timer.name} fired`);
      } catch (error) {
        this.options.log(`timer  ${timer.name} failed, will retry: ${String(error)}`);
      }
    }
  }
}
