import type { SQSRecord } from 'aws-lambda';
import { Webhook } from 'standardwebhooks';
import type { Logger } from '../../core/ports/logger.js';
import type { WebhookRecipientKey } from '../../core/ports/webhook-ledger.js';
import type { WebhookDeliveryTask } from '../../core/webhooks/webhook-delivery-task.js';
import { webhookMessageId } from '../../core/webhooks/webhook-delivery-task.js';
import { buildWebhookEvent } from '../../core/webhooks/build-webhook-event.js';
import { healthAfterFailure, healthAfterSuccess } from '../../core/webhooks/webhook-health.js';
import { isLastWebhookAttempt, webhookRetryDelaySeconds } from '../../core/webhooks/webhook-retry.js';
import { renderWebhookBody } from '../../core/webhooks/render-webhook-body.js';
import { webhookLabels } from '../../core/webhooks/webhook-labels.js';
import { holdBack } from '../queued/hold-back.js';
import { loadUpdateAndRecord } from './load-update-and-record.js';
import type { WebhookSenderDependencies } from './webhook-dependencies.js';

/** The attempt failed and waits in the queue for its next one; the FIFO processor holds back the rest of its subscriber's group. */
export class WebhookRetryLater extends Error {}

/**
 * Posts one update to one subscriber, once: a settled recipient (a redelivered message) posts
 * nothing; a removed or disabled subscriber is counted `suppressed`; an accepted POST is `sent`; a
 * failed one waits in the queue (backing off, or as long as the receiver's Retry-After asks) until
 * the retries end, then is `failed`. Every attempt signs the same body under the same `webhook-id`.
 */
export async function postToWebhook(record: SQSRecord, task: WebhookDeliveryTask, deps: WebhookSenderDependencies, log: Logger): Promise<void> {
  const key: WebhookRecipientKey = { incidentId: task.incidentId, seq: task.seq, locale: task.locale, webhookId: task.webhookId };
  const delivery = { incidentId: task.incidentId, seq: task.seq, channel: 'webhook' as const, locale: task.locale };
  const recipient = await deps.ledger.recipient(key);
  if (recipient?.state !== 'planned') {
    log.info('webhook delivery already settled; nothing posted again', { state: recipient?.state ?? 'unknown' });
    // A copy that settled it may have died before completing the row: completing is idempotent.
    await deps.ledger.completeIfDone(delivery, deps.clock().toISOString());
    return;
  }
  const subscriber = await deps.webhooks.get(task.webhookId);
  if (!subscriber || subscriber.state !== 'active') {
    const reason = subscriber ? 'the webhook was disabled after failing every delivery for 3 days' : 'the webhook was removed';
    await deps.ledger.settle(key, 'suppressed', reason, deps.clock().toISOString());
    await deps.ledger.completeIfDone(delivery, deps.clock().toISOString());
    return;
  }
  const { update, record: incident } = await loadUpdateAndRecord(deps.incidents, task, deps.config);
  const event = buildWebhookEvent(incident, update, task.locale, deps.config);
  const body = renderWebhookBody(subscriber.format, event, webhookLabels(task.locale, deps.config));
  const messageId = webhookMessageId(task);
  const sentAt = deps.clock();
  const signature = new Webhook((await deps.secrets()).secretFor(subscriber.id)).sign(messageId, sentAt, body);
  const response = await deps.poster.post({
    url: subscriber.url,
    body,
    headers: { 'webhook-id': messageId, 'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)), 'webhook-signature': signature },
  });
  const now = deps.clock();
  if (response.outcome === 'delivered') {
    await deps.ledger.settle(key, 'sent', undefined, now.toISOString());
    await deps.webhooks.recordHealth(subscriber.id, healthAfterSuccess(subscriber, now.toISOString()));
    await deps.ledger.completeIfDone(delivery, now.toISOString());
    deps.metrics.record('DeliverySent', 1, { channel: 'webhook' });
    log.info('webhook delivered', { webhookId: subscriber.id, status: response.status });
    return;
  }
  await deps.webhooks.recordHealth(subscriber.id, healthAfterFailure(subscriber, now.toISOString(), response.reason));
  const attempt = Number(record.attributes.ApproximateReceiveCount) || 1;
  const firstAttemptAt = Number(record.attributes.SentTimestamp) || now.getTime();
  if (isLastWebhookAttempt(attempt, firstAttemptAt, now.getTime())) {
    await deps.ledger.settle(key, 'failed', `${response.reason} (gave up after ${attempt} attempts)`, now.toISOString());
    await deps.ledger.completeIfDone(delivery, now.toISOString());
    deps.metrics.record('DeliveryFailed', 1, { channel: 'webhook' });
    log.warn('webhook delivery failed for good', { webhookId: subscriber.id, attempt, reason: response.reason });
    return;
  }
  await deps.ledger.recordAttempt(key, response.reason, now.toISOString());
  const delaySeconds = webhookRetryDelaySeconds(attempt, (deps.random ?? Math.random)(), response.retryAfterSeconds);
  await holdBack(record, delaySeconds, deps.visibility, log);
  deps.metrics.record('DeliveryRetried', 1, { channel: 'webhook' });
  log.info('webhook delivery will be retried', { webhookId: subscriber.id, attempt, delaySeconds, reason: response.reason });
  throw new WebhookRetryLater(`webhook ${subscriber.id} ${response.reason}; retried in ${delaySeconds} s`);
}
