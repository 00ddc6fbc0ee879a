import * as z from 'zod/mini';
import '../validation/english-issues.js';
import { impactSchema, messageKindSchema, recordStatusSchema } from '../incident/vocabulary.js';

/**
 * The `sqs` part of each SNS publish: one update in one locale, with the messages already rendered
 * for the machine channels. Raw message delivery puts it in the SQS body as it is.
 */
export const channelEnvelopeSchema = z.object({
  version: z.literal(1),
  incidentId: z.string(),
  updateId: z.string(),
  seq: z.number().check(z.int(), z.positive()),
  kind: messageKindSchema,
  status: recordStatusSchema,
  impact: impactSchema,
  locale: z.string(),
  createdAt: z.iso.datetime(),
  // `distinctText` is posted instead of `text` when X refuses `text` as a duplicate of an earlier post.
  x: z.optional(z.object({ text: z.string(), distinctText: z.optional(z.string()), replyInThread: z.boolean() })),
  inapp: z.optional(z.object({ title: z.string(), text: z.string(), url: z.string() })),
});

export type ChannelEnvelope = z.infer<typeof channelEnvelopeSchema>;
