import * as z from 'zod/mini';
import '../validation/english-issues.js';

/** One update to post to one webhook subscriber: a message of the webhook delivery queue. */
export const webhookDeliveryTaskSchema = z.object({
  kind: z.literal('webhook-delivery'),
  incidentId: z.string(),
  seq: z.number().check(z.int(), z.positive()),
  updateId: z.string(),
  locale: z.string(),
  webhookId: z.string(),
});

export type WebhookDeliveryTask = z.infer<typeof webhookDeliveryTaskSchema>;

/**
 * The `webhook-id` of a delivery: the same for every attempt of one update to one subscriber, so a
 * receiver drops a repeat (Standard Webhooks), and the FIFO queue's deduplication id.
 */
export function webhookMessageId(task: Pick<WebhookDeliveryTask, 'updateId' | 'webhookId'>): string {
  return `${task.updateId}.${task.webhookId}`;
}
