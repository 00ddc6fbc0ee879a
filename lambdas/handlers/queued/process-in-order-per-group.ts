import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { handleInOrderPerKey } from '../batch/handle-in-order-per-key.js';

/**
 * Handles a batch of queue messages as a FIFO queue promises them: one message group (one incident
 * in one locale, or one webhook subscriber) one after the other, different groups side by side, so
 * one slow group no longer delays every other group of its batch. After a message fails, the later
 * messages of its group are not handled and go back to the queue with it; SQS then holds the group
 * until they are received again, so its order holds. A message of a standard queue has no group and
 * is handled beside all the others.
 *
 * @example
 * export const handler = (event: SQSEvent) => processInOrderPerGroup(event, (record) => deliver(record));
 */
export function processInOrderPerGroup(event: SQSEvent, handle: (record: SQSRecord) => Promise<void>): Promise<SQSBatchResponse> {
  return handleInOrderPerKey(event.Records, { keyOf: (record) => record.attributes.MessageGroupId, idOf: (record) => record.messageId }, handle);
}
