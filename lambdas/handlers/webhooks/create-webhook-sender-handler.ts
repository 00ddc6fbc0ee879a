import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { processInOrderPerGroup } from '../queued/process-in-order-per-group.js';
import { webhookDeliveryTaskSchema } from '../../core/webhooks/webhook-delivery-task.js';
import { readQueuedBody } from '../queued/read-queued-body.js';
import { postToWebhook, WebhookRetryLater } from './post-to-webhook.js';
import type { WebhookSenderDependencies } from './webhook-dependencies.js';

/**
 * The webhook workers: each record of the delivery queue (FIFO, a message group per subscriber) is
 * one update for one subscriber. A failed attempt fails its record and holds back the rest of its
 * subscriber's group, so a receiver gets its updates in order, after retries if need be, while the
 * other subscribers go on.
 *
 * @example
 * export const handler = createWebhookSenderHandler({ config, incidents, webhooks, ledger, poster, secrets, visibility, clock, logger, metrics });
 */
export function createWebhookSenderHandler(deps: WebhookSenderDependencies) {
  const recordHandler = async (record: SQSRecord) => {
    const task = await readQueuedBody(record, webhookDeliveryTaskSchema, deps);
    const log = deps.logger.withKeys({ incidentId: task.incidentId, seq: task.seq, locale: task.locale, webhookId: task.webhookId, messageId: record.messageId });
    try {
      await postToWebhook(record, task, deps, log);
    } catch (error) {
      if (!(error instanceof WebhookRetryLater)) log.warn('webhook delivery will be retried from the queue', { error: error as Error });
      throw error;
    }
  };
  return (event: SQSEvent) => processInOrderPerGroup(event, recordHandler);
}
