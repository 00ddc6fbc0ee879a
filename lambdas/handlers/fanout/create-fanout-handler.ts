import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { fanOutUpdate } from './fan-out-update.js';
import type { FanOutDependencies } from './fan-out-update.js';
import { handOverMailRequest } from './hand-over-mail-request.js';
import { streamItemOf } from '../stream/stream-record.js';

/**
 * The stream consumer: records one by one in shard order (new updates are fanned out, new mail
 * requests handed to the email senders), each failure reported on its own so one bad record does not
 * block the shard (Lambda retries from the first failed sequence number).
 *
 * @example
 * export const handler = createFanOutHandler({ config, ledger, topic, clock, logger, metrics });
 */
export function createFanOutHandler(deps: FanOutDependencies) {
  const recordHandler = async (record: DynamoDBRecord) => {
    const item = streamItemOf(record);
    if (item?.type === 'mail-request') return handOverMailRequest(item.request, deps);
    if (!item) return;
    const { update } = item;
    try {
      await fanOutUpdate(update, deps);
    } catch (error) {
      deps.logger.withKeys({ incidentId: update.incidentId, seq: update.seq }).error('fan-out failed; the stream retries the record', { error: error as Error });
      throw error;
    }
  };
  return (event: DynamoDBStreamEvent, context?: Context) =>
    processPartialResponse(event, recordHandler, new BatchProcessor(EventType.DynamoDBStreams), { context, processInParallel: false, throwOnFullBatchFailure: false });
}
