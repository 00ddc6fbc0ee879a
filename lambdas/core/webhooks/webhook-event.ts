import * as z from 'zod/mini';
import '../validation/english-issues.js';
import { incidentAnswerSchema, maintenanceAnswerSchema, updateAnswerSchema } from '../incident/answer-schemas.js';
import { isMaintenanceKind } from '../incident/vocabulary.js';
import type { MessageKind } from '../incident/vocabulary.js';

export const webhookEventTypeSchema = z.enum(['incident.updated', 'maintenance.updated', 'postmortem.published']);

/** The `message` of an event: the in-app message for the subscriber's locale (title 1–80, text ≤ 500 code points). */
export const webhookMessageSchema = z.object({
  locale: z.string(),
  title: z.string(),
  text: z.string(),
  url: z.string(),
});

/**
 * The body of a `json` webhook delivery (docs/api.md, "Webhook and chat subscribers"), and what the
 * chat formats are rendered from. A maintenance window comes first in the union: its `type` tells it apart.
 */
export const webhookEventSchema = z.object({
  type: webhookEventTypeSchema,
  /** When the update was made. */
  timestamp: z.iso.datetime(),
  data: z.object({
    incident: z.union([maintenanceAnswerSchema, incidentAnswerSchema]),
    update: updateAnswerSchema,
    message: webhookMessageSchema,
  }),
});

export type WebhookEventType = z.infer<typeof webhookEventTypeSchema>;
export type WebhookMessage = z.infer<typeof webhookMessageSchema>;
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

/**
 * The event type a message kind is delivered as: a receiver can route maintenance and postmortems
 * without reading the kind.
 *
 * @example
 * webhookEventType('maintenance_started'); // 'maintenance.updated'
 * webhookEventType('recovery'); // 'incident.updated'
 */
export function webhookEventType(kind: MessageKind): WebhookEventType {
  if (isMaintenanceKind(kind)) return 'maintenance.updated';
  if (kind === 'postmortem') return 'postmortem.published';
  return 'incident.updated';
}
