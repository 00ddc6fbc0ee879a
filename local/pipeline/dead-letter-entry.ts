import * as z from 'zod/mini';

/**
 * One line of the local runtime's dead-letter file (`<outbox>/dead-letter.jsonl`), standing in for
 * the deployed DLQs: a queue message received `maxReceiveCount` times without success, or a stream
 * record the fan-out gave up on. Each carries what is needed to hand it back (`npm run redrive --
 * --dead-letters`).
 */
export const deadLetterEntrySchema = z.discriminatedUnion('source', [
  z.object({
    source: z.literal('queue'),
    queue: z.string(),
    messageId: z.string(),
    receiveCount: z.number(),
    body: z.string(),
    ordering: z.optional(z.object({ groupId: z.string(), deduplicationId: z.string() })),
    deadAt: z.string(),
  }),
  z.object({
    source: z.literal('stream'),
    shardId: z.string(),
    sequenceNumber: z.optional(z.string()),
    /** The stream record as the fan-out received it (an aws-lambda DynamoDBRecord). */
    record: z.record(z.string(), z.unknown()),
    deadAt: z.string(),
  }),
]);

export type DeadLetterEntry = z.infer<typeof deadLetterEntrySchema>;
export type QueueDeadLetter = Extract<DeadLetterEntry, { source: 'queue' }>;
export type StreamDeadLetter = Extract<DeadLetterEntry, { source: 'stream' }>;
