import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

type StreamConsumer = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;

/**
 * Feeds stream records to the fan-out as Lambda's event source mapping does for one shard: in the
 * given order, batch by batch, retrying a batch from its first failed record (the rest of the
 * batch again with it), and giving a record up after `maxAttempts` into `deadLetters`.
 */
export async function driveStream(records: readonly DynamoDBRecord[], consumer: StreamConsumer, { batchSize = 10, maxAttempts = 5 } = {}) {
  const deadLetters: DynamoDBRecord[] = [];
  let pending = [...records];
  let attempts = 0;
  let invocations = 0;
  while (pending.length > 0) {
    const batch = pending.slice(0, batchSize);
    invocations++;
    let failedId: string | undefined;
    try {
      failedId = (await consumer({ Records: batch }))?.batchItemFailures?.[0]?.itemIdentifier;
    } catch {
      failedId = batch[0]?.dynamodb?.SequenceNumber;
    }
    if (failedId === undefined) {
      pending = pending.slice(batch.length);
      attempts = 0;
      continue;
    }
    pending = pending.slice(Math.max(0, batch.findIndex((record) => record.dynamodb?.SequenceNumber === failedId)));
    if (++attempts >= maxAttempts) {
      deadLetters.push(pending.shift()!);
      attempts = 0;
    }
  }
  return { deadLetters, invocations };
}
