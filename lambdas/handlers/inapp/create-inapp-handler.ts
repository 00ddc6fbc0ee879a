import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { processInOrderPerGroup } from '../queued/process-in-order-per-group.js';
import { readChannelEnvelope } from '../queued/read-channel-envelope.js';
import { deliverToFeed } from './deliver-to-feed.js';
import type { InAppDependencies } from './deliver-to-feed.js';

/**
 * The in-app queue's consumer: each message is one feed item, written in order within its incident
 * and locale; a failure goes back to the queue with the later messages of its group.
 *
 * @example
 * export const handler = createInAppHandler({ ledger, feed, visibility, clock, logger, metrics });
 */
export function createInAppHandler(deps: InAppDependencies) {
  const recordHandler = async (record: SQSRecord) => {
    const envelope = await readChannelEnvelope(record, deps);
    const log = deps.logger.withKeys({ incidentId: envelope.incidentId, seq: envelope.seq, locale: envelope.locale, messageId: record.messageId });
    try {
      await deliverToFeed(envelope, deps, log);
    } catch (error) {
      deps.metrics.record('DeliveryRetried', 1, { channel: 'inapp' });
      log.warn('in-app delivery will be retried from the queue', { error: error as Error });
      throw error;
    }
  };
  return (event: SQSEvent) => processInOrderPerGroup(event, recordHandler);
}
