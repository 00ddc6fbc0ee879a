import * as z from 'zod/mini';
import '../validation/english-issues.js';
import {
  channelSchema,
  componentStatusSchema,
  deliveryStateSchema,
  impactSchema,
  incidentStatusSchema,
  messageKindSchema,
  overallStatusSchema,
  maintenanceStatusSchema,
  recordStatusSchema,
} from './vocabulary.js';
import { timelineUpdateSchema } from './model.js';

const timestamp = z.iso.datetime();
const positiveInteger = z.number().check(z.int(), z.positive());
const count = z.number().check(z.int(), z.nonnegative());
const integer = z.number().check(z.int());

export const componentAnswerSchema = z
  .object({ id: z.string(), name: z.string(), names: z.record(z.string(), z.string()), status: componentStatusSchema });

/** A timeline entry as the API shows it: the stored update without the incident snapshot it carries. */
export const updateAnswerSchema = z.omit(timelineUpdateSchema, { incidentId: true, incident: true });

export const incidentSummarySchema = z
  .object({
    id: z.string(),
    /** In the default locale. */
    title: z.string(),
    /** In every configured locale. */
    titles: z.record(z.string(), z.string()),
    status: incidentStatusSchema,
    impact: impactSchema,
    components: z.array(componentAnswerSchema),
    startedAt: timestamp,
    updatedAt: timestamp,
    resolvedAt: z.nullable(timestamp),
    version: positiveInteger,
    /** When the commanders promised customers the next update; null when they promised none, and once resolved. */
    nextUpdateBy: z.nullable(timestamp),
    /** True once `nextUpdateBy` passed with no update, until the next one. */
    overdue: z.boolean(),
  });

/** A resolved incident's postmortem: the current text in every locale; `revisedAt` once it has been revised. */
export const postmortemAnswerSchema = z.object({
  body: z.record(z.string(), z.string()),
  publishedAt: timestamp,
  revisedAt: z.optional(timestamp),
});

export const incidentAnswerSchema = z.extend(incidentSummarySchema, {
  updates: z.array(updateAnswerSchema),
  /** Present once a postmortem is published (PUT /v1/incidents/{id}/postmortem). */
  postmortem: z.optional(postmortemAnswerSchema),
});

/** A maintenance window: the incident's shape with its own statuses, its times and its timers' settings. */
export const maintenanceSummarySchema = z.extend(z.omit(incidentSummarySchema, { status: true }), {
  type: z.literal('maintenance'),
  status: maintenanceStatusSchema,
  scheduledFor: timestamp,
  scheduledUntil: timestamp,
  remindBeforeMinutes: z.number().check(z.int(), z.nonnegative()),
  autoStart: z.boolean(),
  autoComplete: z.boolean(),
});

export const maintenanceAnswerSchema = z.extend(maintenanceSummarySchema, { updates: z.array(updateAnswerSchema) });

export const maintenanceListSchema = z.object({ items: z.array(maintenanceAnswerSchema), nextCursor: z.nullable(z.string()) });

export const incidentListSchema = z
  .object({ items: z.array(incidentAnswerSchema), nextCursor: z.nullable(z.string()) });

export const statusAnswerSchema = z
  .object({
    status: overallStatusSchema,
    components: z.array(componentAnswerSchema),
    incidents: z.array(incidentSummarySchema),
    /** Windows in progress, and those starting within the next 7 days, soonest first. */
    maintenances: z.array(maintenanceSummarySchema),
    updatedAt: timestamp,
  });

/** How an email or webhook delivery (one update in one locale) stands, recipient by recipient (`suppressed`: not sent to, e.g. a disabled webhook). */
export const recipientCountsSchema = z.object({
  planned: count,
  sent: count,
  failed: count,
  suppressed: count,
});

export const deliverySchema = z
  .object({
    updateId: z.string(),
    seq: positiveInteger,
    channel: channelSchema,
    locale: z.string(),
    state: deliveryStateSchema,
    attempts: count,
    /** How often a commander redrove the delivery after it failed. */
    redrives: z.optional(count),
    externalId: z.optional(z.string()),
    detail: z.optional(z.string()),
    /** Email and webhook only: `state` is `sent` once every planned recipient is sent, failed or suppressed. */
    recipients: z.optional(recipientCountsSchema),
    updatedAt: timestamp,
  });

export const deliveryListSchema = z.object({ items: z.array(deliverySchema) });

export const messageSchema = z
  .object({
    channel: channelSchema,
    locale: z.string(),
    kind: messageKindSchema,
    subject: z.optional(z.string()),
    /** Email only, in previews: the HTML part, the same words as `text`, every supplied character escaped. */
    html: z.optional(z.string()),
    title: z.optional(z.string()),
    text: z.string(),
    weightedLength: z.optional(integer),
  });

export const previewAnswerSchema = z.object({ messages: z.array(messageSchema) });

export const feedItemSchema = z
  .object({
    id: z.string(),
    incidentId: z.string(),
    updateId: z.string(),
    kind: messageKindSchema,
    locale: z.string(),
    title: z.string(),
    body: z.string(),
    status: recordStatusSchema,
    impact: impactSchema,
    url: z.string(),
    createdAt: timestamp,
  });

export const feedPageSchema = z
  .object({ items: z.array(feedItemSchema), nextCursor: z.string() });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: integer,
    detail: z.string(),
    errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  });

export type ComponentAnswer = z.infer<typeof componentAnswerSchema>;
export type UpdateAnswer = z.infer<typeof updateAnswerSchema>;
export type IncidentSummary = z.infer<typeof incidentSummarySchema>;
export type PostmortemAnswer = z.infer<typeof postmortemAnswerSchema>;
export type IncidentAnswer = z.infer<typeof incidentAnswerSchema>;
export type MaintenanceSummary = z.infer<typeof maintenanceSummarySchema>;
export type MaintenanceAnswer = z.infer<typeof maintenanceAnswerSchema>;
export type StatusAnswer = z.infer<typeof statusAnswerSchema>;
export type Delivery = z.infer<typeof deliverySchema>;
export type RecipientCounts = z.infer<typeof recipientCountsSchema>;
export type Message = z.infer<typeof messageSchema>;
export type FeedItem = z.infer<typeof feedItemSchema>;
export type Problem = z.infer<typeof problemSchema>;
