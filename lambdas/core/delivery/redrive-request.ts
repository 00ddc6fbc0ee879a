import * as z from 'zod/mini';
import '../validation/english-issues.js';
import { timelineUpdateSchema } from '../incident/model.js';

/** The channels a commander may redrive: those with one delivery per update and locale (email has its own per-recipient ledger). */
export const redrivableChannelSchema = z.enum(['x', 'inapp']);

/**
 * A commander's redrive of one update's failed deliveries: stored beside the rows it resets (one
 * transaction), carried by the table's stream to the fan-out, which publishes the update again to
 * exactly these channels and locales. The update rides along, so the fan-out renders it as it was.
 */
export const redriveRequestSchema = z.object({
  incidentId: z.string(),
  redriveId: z.string(),
  requestedAt: z.iso.datetime(),
  update: timelineUpdateSchema,
  targets: z.array(z.object({ channel: redrivableChannelSchema, locale: z.string() })).check(z.minLength(1)),
});

export type RedriveRequest = z.infer<typeof redriveRequestSchema>;
export type RedrivableChannel = z.infer<typeof redrivableChannelSchema>;

/** `POST /v1/incidents/{id}/deliveries/redrive`: which failed deliveries to send again (all of the incident's when empty). */
export const redriveBodySchema = z.strictObject({
  seq: z.optional(z.number().check(z.int(), z.positive())),
  channel: z.optional(redrivableChannelSchema),
});

/** Its answer: every delivery reset to `pending` and published again. */
export const redriveAnswerSchema = z.object({
  redriven: z.array(z.object({ seq: z.number().check(z.int(), z.positive()), channel: redrivableChannelSchema, locale: z.string() })),
});
