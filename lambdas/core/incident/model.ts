import * as z from 'zod/mini';
import '../validation/english-issues.js';
import {
  channelSchema,
  componentStatusSchema,
  impactSchema,
  incidentStatusSchema,
  messageKindSchema,
} from './vocabulary.js';

const isoTimestampSchema = z.iso.datetime();
const positiveIntegerSchema = z.number().check(z.int(), z.positive());

/** Statuses of the components an incident touches, keyed by component id. */
export const componentStatusesSchema = z.record(z.string(), componentStatusSchema);

/** The incident's current state: what the head item in the table holds. */
export const incidentHeadSchema = z.object({
  id: z.string(),
  /** In the default locale. */
  title: z.string(),
  /** Every configured locale; absent on incidents stored before titles were localized (then `title` is every locale's). */
  titles: z.optional(z.record(z.string(), z.string())),
  status: incidentStatusSchema,
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
  status: incidentStatusSchema,
  impact: impactSchema,
  message: z.record(z.string(), z.string()),
  channels: z.array(channelSchema),
  notify: z.boolean(),
  createdAt: isoTimestampSchema,
  incident: z.omit(incidentHeadSchema, { id: true }),
});

export type ComponentStatuses = z.infer<typeof componentStatusesSchema>;
export type IncidentHead = z.infer<typeof incidentHeadSchema>;
export type TimelineUpdate = z.infer<typeof timelineUpdateSchema>;
