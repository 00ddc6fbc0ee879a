import * as z from 'zod';
import {
  channelSchema,
  componentStatusSchema,
  deliveryStateSchema,
  impactSchema,
  incidentStatusSchema,
  messageKindSchema,
  overallStatusSchema,
} from './vocabulary.js';
import { timelineUpdateSchema } from './model.js';

const timestamp = z.iso.datetime();

export const componentAnswerSchema = z
  .object({ id: z.string(), name: z.string(), status: componentStatusSchema });

/** A timeline entry as the API shows it: the stored update without the incident snapshot it carries. */
export const updateAnswerSchema = timelineUpdateSchema.omit({ incidentId: true, incident: true });

export const incidentSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    status: incidentStatusSchema,
    impact: impactSchema,
    components: z.array(componentAnswerSchema),
    startedAt: timestamp,
    updatedAt: timestamp,
    resolvedAt: timestamp.nullable(),
    version: z.number().int().positive(),
  });

export const incidentAnswerSchema = incidentSummarySchema
  .extend({ updates: z.array(updateAnswerSchema) });

export const incidentListSchema = z
  .object({ items: z.array(incidentAnswerSchema), nextCursor: z.string().nullable() });

export const statusAnswerSchema = z
  .object({
    status: overallStatusSchema,
    components: z.array(componentAnswerSchema),
    incidents: z.array(incidentSummarySchema),
    updatedAt: timestamp,
  });

/** How an email delivery (one update in one locale) stands, recipient by recipient. */
export const recipientCountsSchema = z.object({
  planned: z.number().int().nonnegative(),
  sent: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  suppressed: z.number().int().nonnegative(),
});

export const deliverySchema = z
  .object({
    updateId: z.string(),
    seq: z.number().int().positive(),
    channel: channelSchema,
    locale: z.string(),
    state: deliveryStateSchema,
    attempts: z.number().int().nonnegative(),
    externalId: z.string().optional(),
    detail: z.string().optional(),
    /** Email only: `state` is `sent` once every planned recipient is sent, failed or suppressed. */
    recipients: recipientCountsSchema.optional(),
    updatedAt: timestamp,
  });

export const deliveryListSchema = z.object({ items: z.array(deliverySchema) });

export const messageSchema = z
  .object({
    channel: channelSchema,
    locale: z.string(),
    kind: messageKindSchema,
    subject: z.string().optional(),
    /** Email only, in previews: the HTML part, the same words as `text`, every supplied character escaped. */
    html: z.string().optional(),
    title: z.string().optional(),
    text: z.string(),
    weightedLength: z.number().int().optional(),
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
    status: incidentStatusSchema,
    impact: impactSchema,
    url: z.string(),
    createdAt: timestamp,
  });

export const feedPageSchema = z
  .object({ items: z.array(feedItemSchema), nextCursor: z.string().nullable() });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  });

export type ComponentAnswer = z.infer<typeof componentAnswerSchema>;
export type UpdateAnswer = z.infer<typeof updateAnswerSchema>;
export type IncidentSummary = z.infer<typeof incidentSummarySchema>;
export type IncidentAnswer = z.infer<typeof incidentAnswerSchema>;
export type StatusAnswer = z.infer<typeof statusAnswerSchema>;
export type Delivery = z.infer<typeof deliverySchema>;
export type RecipientCounts = z.infer<typeof recipientCountsSchema>;
export type Message = z.infer<typeof messageSchema>;
export type FeedItem = z.infer<typeof feedItemSchema>;
export type Problem = z.infer<typeof problemSchema>;
