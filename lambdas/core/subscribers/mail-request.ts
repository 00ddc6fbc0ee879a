import * as z from 'zod/mini';
import '../validation/english-issues.js';

/** The mails the subscriber list itself sends (incident mail goes through the channel). */
export const subscriptionMailSchema = z.enum(['confirmation', 'preferences']);
export type SubscriptionMail = z.infer<typeof subscriptionMailSchema>;

/**
 * A mail the API asks for when it changes a subscriber: stored in the same write as the change (so
 * a crash cannot lose it), picked up from the table's stream and sent by the email workers once.
 */
export const mailRequestSchema = z.object({
  id: z.string(),
  subscriberId: z.string(),
  mail: subscriptionMailSchema,
  requestedAt: z.iso.datetime(),
});

export type MailRequest = z.infer<typeof mailRequestSchema>;
