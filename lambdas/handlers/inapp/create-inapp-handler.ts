import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { channelEnvelopeSchema } from '../../core/delivery/channel-envelope.js';
import { deliverToFeed } from './deliver-to-feed.js';
import type { InAppDependencies } from './deliver-to-feed.js';

/** The in-app queue's consumer: each message is one feed item; failures go back to the queue alone. */
export function createInAppHandler(deps: InAppDependencies) {
  const recordHandler = async (record: SQSRecord) => deliverToFeed(channelEnvelopeSchema.parse(JSON.parse(record.body)), deps);
  // A processor per invocation: its state is per batch, and the local runtime may run batches side by side.
  return (event: SQSEvent, context?: Context) =>
    processPartialResponse(event, recordHandler, new BatchProcessor(EventType.SQS), { context, throwOnFullBatchFailure: false });
}
