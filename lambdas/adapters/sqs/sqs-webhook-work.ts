import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { WebhookWork } from '../../core/ports/webhook-work.js';
import type { WebhookDeliveryTask } from '../../core/webhooks/webhook-delivery-task.js';
import { webhookMessageId } from '../../core/webhooks/webhook-delivery-task.js';

/** SQS takes at most ten messages per SendMessageBatch. */
const perCall = 10;
/** Entries SQS failed are sent again this often before the planner is told (and its own queue retries it). */
const attempts = 3;

/**
 * The webhook delivery queue (SQS FIFO): each subscriber is a message group, so its deliveries are
 * received one at a time and in the order planned; the deduplication id is the delivery's
 * `webhook-id`, so a planner that runs twice within five minutes queues nothing twice (after that,
 * the ledger's settled recipient posts nothing).
 *
 * @example
 * await new SqsWebhookWork(sqs, queueUrl).queueDeliveries(tasks);
 */
export class SqsWebhookWork implements WebhookWork {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async queueDeliveries(tasks: readonly WebhookDeliveryTask[]): Promise<void> {
    for (let start = 0; start < tasks.length; start += perCall) {
      let entries = tasks.slice(start, start + perCall).map((task, index) => ({
        Id: String(index),
        MessageBody: JSON.stringify(task),
        MessageGroupId: task.webhookId,
        MessageDeduplicationId: webhookMessageId(task),
      }));
      for (let attempt = 1; entries.length > 0; attempt++) {
        const { Failed = [] } = await this.sqs.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }));
        const failed = new Set(Failed.map((entry) => entry.Id));
        entries = entries.filter((entry) => failed.has(entry.Id));
        if (entries.length > 0 && attempt >= attempts) {
          throw new Error(`SQS refused ${entries.length} webhook deliveries: ${Failed.map((entry) => entry.Message ?? entry.Code).join('; ')}`);
        }
      }
    }
  }
}
