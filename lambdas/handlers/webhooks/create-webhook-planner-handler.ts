import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { processInOrderPerGroup } from '../queued/process-in-order-per-group.js';
import type { DeliveryKey } from '../../core/ports/delivery-ledger.js';
import { webhookHears } from '../../core/webhooks/webhook-hears.js';
import { loadUpdate } from '../email/load-update.js';
import { readChannelEnvelope } from '../queued/read-channel-envelope.js';
import type { WebhookPlannerDependencies } from './webhook-dependencies.js';

/**
 * The webhook planner: for each update in a locale (a record of the webhook channel's FIFO queue),
 * the active subscribers of that locale who hear it are planned once in the ledger and handed to the
 * delivery queue, one message per subscriber. Records are taken in order and a failure holds back
 * the rest of its incident, so a subscriber's deliveries are queued in the order of `seq`.
 *
 * @example
 * export const handler = createWebhookPlannerHandler({ config, incidents, webhooks, ledger, work, visibility, clock, logger, metrics });
 */
export function createWebhookPlannerHandler(deps: WebhookPlannerDependencies) {
  const recordHandler = async (record: SQSRecord) => {
    const envelope = await readChannelEnvelope(record, deps);
    const log = deps.logger.withKeys({ incidentId: envelope.incidentId, seq: envelope.seq, locale: envelope.locale, messageId: record.messageId });
    const delivery: DeliveryKey = { incidentId: envelope.incidentId, seq: envelope.seq, channel: 'webhook', locale: envelope.locale };
    try {
      const update = await loadUpdate(deps.incidents, envelope);
      const audience = (await deps.webhooks.all()).filter((subscriber) => webhookHears(subscriber, update, envelope.locale));
      const now = deps.clock().toISOString();
      const pending = await deps.ledger.plan(delivery, audience.map((subscriber) => subscriber.id), now);
      await deps.work.queueDeliveries(
        pending.map((webhookId) => ({ kind: 'webhook-delivery', incidentId: envelope.incidentId, seq: envelope.seq, updateId: envelope.updateId, locale: envelope.locale, webhookId })),
      );
      await deps.ledger.completeIfDone(delivery, now);
      log.info('webhook delivery planned', { subscribers: pending.length });
    } catch (error) {
      log.warn('webhook planning will be retried from the queue', { error: error as Error });
      throw error;
    }
  };
  return (event: SQSEvent) => processInOrderPerGroup(event, recordHandler);
}
