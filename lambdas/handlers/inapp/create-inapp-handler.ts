import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { readChannelEnvelope } from '../queued/read-channel-envelope.js';
import { deliverToFeed } from './deliver-to-feed.js';
import type { InAppDependencies } from './deliver-to-feed.js';

/**
 * The in-app queue's consumer: each message is one feed item; failures go back to the queue alone.
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
  // A processor per invocation: its state is per batch, and the local runtime may run batches side by side.
  return (event: SQSEvent, context?: Context) =>
    processPartialResponse(event, recordHandler, new BatchProcessor(EventType.SQS), { context, throwOnFullBatchFailure: false });
}
