import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { fanOutUpdate } from './fan-out-update.js';
import type { FanOutDependencies } from './fan-out-update.js';
import { timelineUpdateOf } from './stream-record.js';

/**
 * The stream consumer: records one by one in shard order, each failure reported on its own so one bad
 * record does not block the shard (Lambda retries from the first failed sequence number).
 *
 * @example
 * export const handler = createFanOutHandler({ config, ledger, topic, clock, logger, metrics });
 */
export function createFanOutHandler(deps: FanOutDependencies) {
  const recordHandler = async (record: DynamoDBRecord) => {
    const update = timelineUpdateOf(record);
    if (!update) return;
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
