import * as z from 'zod/mini';
import '../validation/english-issues.js';
import {
  channelSchema,
  componentStatusSchema,
  impactSchema,
  messageKindSchema,
  recordStatusSchema,
} from './vocabulary.js';

const isoTimestampSchema = z.iso.datetime();
const positiveIntegerSchema = z.number().check(z.int(), z.positive());

/** Statuses of the components an incident touches, keyed by component id. */
export const componentStatusesSchema = z.record(z.string(), componentStatusSchema);

/**
 * A maintenance window's times and timers, on its head. `reminderDue` is when the reminder goes out
 * (null: none, or already sent, or the window was scheduled too close to its start for one).
 */
export const maintenanceWindowSchema = z.object({
  scheduledFor: isoTimestampSchema,
  scheduledUntil: isoTimestampSchema,
  remindBeforeMinutes: z.number().check(z.int(), z.nonnegative()),
  reminderDue: z.nullable(isoTimestampSchema),
  autoStart: z.boolean(),
  autoComplete: z.boolean(),
  /** The channels each of its messages goes to. */
  channels: z.array(channelSchema),
  /** The commander's description of the work, by locale, as scheduled: what the timers' reminder and start repeat. */
  message: z.record(z.string(), z.string()),
});

/**
 * The current state of an incident or a maintenance window (one with a `window`): what the head
 * item in the table holds. Both share the timeline, the fan-out and the ledger; the status
 * vocabulary tells them apart. (The item's `type` attribute is the table's item type, not this.)
 */
export const incidentHeadSchema = z.object({
  id: z.string(),
  window: z.optional(maintenanceWindowSchema),
  /** In the default locale. */
  title: z.string(),
  /** Every configured locale; absent on incidents stored before titles were localized (then `title` is every locale's). */
  titles: z.optional(z.record(z.string(), z.string())),
  status: recordStatusSchema,
  impact: impactSchema,
  components: componentStatusesSchema,
  startedAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
  resolvedAt: z.nullable(isoTimestampSchema),
  version: positiveIntegerSchema,
  /** When the commanders promised the next update; null for no promise (and once resolved). Absent on incidents stored before promises. */
  nextUpdateBy: z.optional(z.nullable(isoTimestampSchema)),
  /** Set by the promise's timer when it passed with no update; every update clears it. */
  overdue: z.optional(z.boolean()),
});

/**
 * One immutable timeline entry. It carries the incident as it stood after this update so that the
 * fan-out can render from the stream record alone, and so that any earlier answer can be rebuilt.
 */
export const timelineUpdateSchema = z.object({
  id: z.string(),
  incidentId: z.string(),
  seq: positiveIntegerSchema,
  kind: messageKindSchema,
  status: recordStatusSchema,
  impact: impactSchema,
  message: z.record(z.string(), z.string()),
  channels: z.array(channelSchema),
  notify: z.boolean(),
  createdAt: isoTimestampSchema,
  incident: z.omit(incidentHeadSchema, { id: true }),
});

export type ComponentStatuses = z.infer<typeof componentStatusesSchema>;
export type IncidentHead = z.infer<typeof incidentHeadSchema>;
export type MaintenanceWindow = z.infer<typeof maintenanceWindowSchema>;
export type TimelineUpdate = z.infer<typeof timelineUpdateSchema>;
