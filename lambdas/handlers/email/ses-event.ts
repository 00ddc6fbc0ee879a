import * as z from 'zod/mini';
import '../../core/validation/english-issues.js';

const recipient = z.object({ emailAddress: z.string() });

/**
 * The parts of an SES event (delivered by EventBridge from the configuration set) that decide a
 * suppression: a hard bounce or a complaint, and the addresses concerned. Everything else in the
 * event (diagnostics, feedback ids) is logged, not needed.
 */
export const sesEventSchema = z.object({
  'detail-type': z.string(),
  detail: z.object({
    eventType: z.string(),
    mail: z.object({
      messageId: z.optional(z.string()),
      destination: z._default(z.array(z.string()), []),
      tags: z._default(z.record(z.string(), z.array(z.string())), {}),
    }),
    bounce: z.optional(
      z.object({ bounceType: z.string(), bounceSubType: z.optional(z.string()), bouncedRecipients: z._default(z.array(recipient), []) }),
    ),
    complaint: z.optional(z.object({ complainedRecipients: z._default(z.array(recipient), []), complaintFeedbackType: z.optional(z.string()) })),
  }),
});

export type SesEvent = z.infer<typeof sesEventSchema>;
