import * as z from 'zod/mini';
import '../validation/english-issues.js';

import { webhookFormatSchema } from './webhook-format.js';

export const webhookStateSchema = z.enum(['active', 'disabled']);
export type WebhookState = z.infer<typeof webhookStateSchema>;

/** `whk_` and a ULID: an id that cannot match this is unknown without asking the store. */
export const webhookIdPattern = /^whk_[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * A webhook subscriber as stored. Its signing secret is not here: it is derived from the
 * deployment's token key and the id whenever it is needed, so the table holds no secret at all.
 */
export const webhookSubscriberSchema = z.object({
  id: z.string(),
  url: z.string(),
  format: webhookFormatSchema,
  locale: z.string(),
  /** Empty: every update; else updates of incidents touching one of these (or touching none). */
  components: z.array(z.string()),
  state: webhookStateSchema,
  createdAt: z.string(),
  lastSuccessAt: z.optional(z.string()),
  lastFailure: z.optional(z.object({ at: z.string(), reason: z.string() })),
  /** When the run of failures began that has lasted since; absent after any success. */
  failingSince: z.optional(z.string()),
  disabledAt: z.optional(z.string()),
});

export type WebhookSubscriber = z.infer<typeof webhookSubscriberSchema>;
