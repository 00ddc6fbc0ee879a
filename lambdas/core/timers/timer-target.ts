import * as z from 'zod/mini';
import '../validation/english-issues.js';

const positiveInteger = z.number().check(z.int(), z.positive());

/**
 * What a timer does when it fires, as the timer engine hands it back (deployed: the schedule's
 * input, the timer function's event). It names the version it was set for: the effect is a
 * conditional transition on that version, so a doubled, late or superseded timer does nothing.
 */
export const timerTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    /** The "next update by" promise of an incident is due. */
    kind: z.literal('promise-due'),
    incidentId: z.string().check(z.minLength(1), z.maxLength(64)),
    version: positiveInteger,
  }),
  z.strictObject({
    /** A maintenance window's reminder, automatic start or automatic completion is due. */
    kind: z.enum(['maintenance-reminder', 'maintenance-start', 'maintenance-end']),
    maintenanceId: z.string().check(z.minLength(1), z.maxLength(64)),
    version: positiveInteger,
  }),
]);

export type TimerTarget = z.infer<typeof timerTargetSchema>;

/** One timer as the engine keeps it: at most one per name; setting a name again moves it. */
export interface Timer {
  /** Unique per thing timed, e.g. `promise-inc_01J…`; letters, digits, `-`, `_` and `.` only (Scheduler's names). */
  name: string;
  dueAt: string;
  target: TimerTarget;
}
