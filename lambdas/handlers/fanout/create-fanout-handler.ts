import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { processInOrderPerKey } from '../stream/process-in-order-per-key.js';
import { fanOutUpdate } from './fan-out-update.js';
import type { FanOutDependencies } from './fan-out-update.js';
import { handOverMailRequest } from './hand-over-mail-request.js';
import { keepTimers } from './keep-timers.js';
import { redriveUpdate } from './redrive-update.js';
import { streamItemOf } from '../stream/stream-record.js';

/**
 * The stream consumer: new updates are fanned out and their timers kept, new mail requests handed to the email senders,
 * commanders' redrives published again;
 * each incident's updates in shard order, different incidents side by side, a failure reported with
 * the records of its incident after it, so one bad record does not block the others and its
 * incident's order holds on the retry (Lambda resumes from the first failed sequence number).
 *
 * @example
 * export const handler = createFanOutHandler({ config, ledger, topic, clock, logger, metrics });
 */
export function createFanOutHandler(deps: FanOutDependencies) {
  const recordHandler = async (record: DynamoDBRecord) => {
    const item = streamItemOf(record);
    if (item?.type === 'mail-request') return handOverMailRequest(item.request, deps);
    if (item?.type === 'redrive-request') return redriveUpdate(item.redrive, deps);
    if (!item) return;
    const { update } = item;
    try {
      await fanOutUpdate(update, deps);
      await keepTimers(update, deps.timers);
    } catch (error) {
      deps.logger.withKeys({ incidentId: update.incidentId, seq: update.seq }).error('fan-out failed; the stream retries the record', { error: error as Error });
      throw error;
    }
  };
  return (event: DynamoDBStreamEvent, _context?: Context): Promise<DynamoDBBatchResponse> => processInOrderPerKey(event.Records, recordHandler);
}
