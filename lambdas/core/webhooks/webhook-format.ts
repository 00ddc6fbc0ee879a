import * as z from 'zod/mini';
import '../validation/english-issues.js';

/** What a webhook subscriber receives: signed `json` events, or a chat service's incoming-webhook message. */
export const webhookFormatSchema = z.enum(['json', 'slack', 'teams', 'discord']);

export type WebhookFormat = z.infer<typeof webhookFormatSchema>;
