import * as z from 'zod';
import { impactSchema, incidentStatusSchema, messageKindSchema } from '../incident/vocabulary.js';

/**
 * The `sqs` part of each SNS publish: one update in one locale, with the messages already rendered
 * for the machine channels. Raw message delivery puts it in the SQS body as it is.
 */
export const channelEnvelopeSchema = z.object({
  version: z.literal(1),
  incidentId: z.string(),
  updateId: z.string(),
  seq: z.number().int().positive(),
  kind: messageKindSchema,
  status: incidentStatusSchema,
  impact: impactSchema,
  locale: z.string(),
  createdAt: z.iso.datetime(),
  x: z.object({ text: z.string(), replyInThread: z.boolean() }).optional(),
  inapp: z.object({ title: z.string(), text: z.string(), url: z.string() }).optional(),
});

export type ChannelEnvelope = z.infer<typeof channelEnvelopeSchema>;
