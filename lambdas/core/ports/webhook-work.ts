import type { WebhookDeliveryTask } from '../webhooks/webhook-delivery-task.js';

/**
 * The webhook delivery queue: FIFO, one message group per subscriber, so a receiver gets its
 * updates one at a time and in order, and a failing one holds back only its own.
 */
export interface WebhookWork {
  queueDeliveries(tasks: readonly WebhookDeliveryTask[]): Promise<void>;
}
