import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { tableDefinition } from '../../core/store/table-definition.js';
import { handleInOrderPerKey } from '../batch/handle-in-order-per-key.js';

/**
 * Handles a batch of stream records where order matters only within a key: the records of one
 * partition (one incident's updates) one after the other in shard order, different partitions side
 * by side, so a burst over eight incidents takes the time of the longest one, not of all eight.
 *
 * After a record fails, the later records of its partition are not handled and are reported failed
 * with it, so that partition's order holds when Lambda retries. Lambda resumes the shard from the
 * lowest failed sequence number; the other partitions' records after it are handled again, which
 * every handler here absorbs (its effects are recorded with conditional writes).
 *
 * @example
 * return processInOrderPerKey(event.Records, (record) => fanOutRecord(record));
 */
export function processInOrderPerKey(records: readonly DynamoDBRecord[], handle: (record: DynamoDBRecord) => Promise<void>): Promise<DynamoDBBatchResponse> {
  return handleInOrderPerKey(records, { keyOf: partitionOf, idOf: (record) => record.dynamodb?.SequenceNumber ?? '' }, handle);
}

/** The item's partition key as the stream carries it; records without one share a partition. */
function partitionOf(record: DynamoDBRecord): string {
  const key = record.dynamodb?.Keys?.[tableDefinition.partitionKey];
  return key?.S ?? '';
}
