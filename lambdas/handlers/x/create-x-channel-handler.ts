import { SqsFifoPartialProcessorAsync, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createXRecordHandler } from './create-x-record-handler.js';
import type { XChannelDependencies } from './x-channel-dependencies.js';

/**
 * The X FIFO queue's consumer: records are handled one after the other, in the queue's order. When
 * one must come back, the later records of its message group (its incident and locale) come back
 * with it unprocessed, so its thread keeps its order, while other groups in the batch go on.
 *
 * @example
 * export const handler = createXChannelHandler({ ledger, poster, visibility, clock, logger, metrics });
 */
export function createXChannelHandler(deps: XChannelDependencies): (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse> {
  const recordHandler = createXRecordHandler(deps);
  return (event, context) =>
    // A processor per invocation: it holds the batch's state, and the local runtime may run batches side by side.
    processPartialResponse(event, recordHandler, new SqsFifoPartialProcessorAsync(), { context, skipGroupOnError: true, throwOnFullBatchFailure: false });
}
