import type { WebhookWork } from '../../lambdas/core/ports/webhook-work.js';
import type { WebhookDeliveryTask } from '../../lambdas/core/webhooks/webhook-delivery-task.js';
import { webhookMessageId } from '../../lambdas/core/webhooks/webhook-delivery-task.js';
import type { LocalQueue } from './local-queue.js';

/**
 * The webhook delivery queue on a laptop: a local FIFO queue with the deployed one's message groups
 * (one per subscriber) and deduplication ids.
 */
export class LocalWebhookWork implements WebhookWork {
  constructor(private readonly queue: LocalQueue) {}

  async queueDeliveries(tasks: readonly WebhookDeliveryTask[]): Promise<void> {
    for (const task of tasks) this.queue.send(JSON.stringify(task), 0, { groupId: task.webhookId, deduplicationId: webhookMessageId(task) });
  }
}
