import * as z from 'zod';

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
    mail: z.object({ messageId: z.string().optional(), destination: z.array(z.string()).default([]), tags: z.record(z.string(), z.array(z.string())).default({}) }),
    bounce: z
      .object({ bounceType: z.string(), bounceSubType: z.string().optional(), bouncedRecipients: z.array(recipient).default([]) })
      .optional(),
    complaint: z.object({ complainedRecipients: z.array(recipient).default([]), complaintFeedbackType: z.string().optional() }).optional(),
  }),
});

export type SesEvent = z.infer<typeof sesEventSchema>;
