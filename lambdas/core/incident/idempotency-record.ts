import * as z from 'zod/mini';
import '../validation/english-issues.js';

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
  statusCode: z.number().check(z.int()),
  incidentId: z.string(),
  version: z.number().check(z.int(), z.positive()),
  createdAt: z.string(),
  expiresAt: z.number().check(z.int()),
});

export type IdempotencyRecord = z.infer<typeof idempotencyRecordSchema>;
