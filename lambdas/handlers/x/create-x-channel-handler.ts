import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createXRecordHandler } from './create-x-record-handler.js';
import type { XChannelDependencies } from './x-channel-dependencies.js';

/**
 * The X queue's consumer: each record is posted (or not) on its own, and only the records that
 * must come back are reported as batch item failures. Records run in parallel: a threaded post
 * whose predecessor is in the same batch waits for it through the queue, briefly.
 *
 * @example
 * export const handler = createXChannelHandler({ ledger, poster, visibility, clock, logger, metrics });
 */
export function createXChannelHandler(deps: XChannelDependencies): (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse> {
  const recordHandler = createXRecordHandler(deps);
  return (event, context) =>
    // A processor per invocation: it holds the batch's state, and the local runtime may run batches side by side.
    processPartialResponse(event, recordHandler, new BatchProcessor(EventType.SQS), { context, throwOnFullBatchFailure: false });
}
