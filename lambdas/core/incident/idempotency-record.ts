import * as z from 'zod';

/** How long a key answers its first answer again (24 h). */
export const idempotencyWindowSeconds = 24 * 60 * 60;

/**
 * What a retry under the same Idempotency-Key gets back. The answer is kept as the incident and
 * version it produced rather than its full body: a long incident's body can outgrow a 400 KB item,
 * while the timeline up to that version rebuilds the identical answer.
 */
export const idempotencyRecordSchema = z.object({
  key: z.string(),
  requestHash: z.string(),
  statusCode: z.number().int(),
  incidentId: z.string(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  expiresAt: z.number().int(),
});

export type IdempotencyRecord = z.infer<typeof idempotencyRecordSchema>;
