import type { SQSRecord } from 'aws-lambda';

export interface ReceivedCopy {
  messageId: string;
  receiptHandle: string;
  body: string;
  receiveCount: number;
  /** Epoch ms the message was first sent. */
  sentAt: number;
  /** A FIFO queue's message: its group, deduplication id and place in the queue. */
  fifo?: MessageOrdering & { sequenceNumber: number };
}

/** Where a message sits in a FIFO queue: its group (received in order) and its deduplication id. */
export interface MessageOrdering {
  groupId: string;
  deduplicationId: string;
}

/**
 * One receive of a message as Lambda's SQS event source hands it to a function, for the queues that
 * stand in for SQS (the local runtime's and the tests' simulated ones).
 *
 * @example
 * consumer({ Records: batch.map((message) => sqsRecordOf(message, { queueName: 'x', region: 'local', account: '000000000000' })) });
 */
export function sqsRecordOf(copy: ReceivedCopy, queue: { queueName: string; region: string; account: string; senderId: string }): SQSRecord {
  return {
    messageId: copy.messageId,
    receiptHandle: copy.receiptHandle,
    body: copy.body,
    attributes: {
      ApproximateReceiveCount: String(copy.receiveCount),
      SentTimestamp: String(copy.sentAt),
      SenderId: queue.senderId,
      ApproximateFirstReceiveTimestamp: String(copy.sentAt),
      ...(copy.fifo
        ? { MessageGroupId: copy.fifo.groupId, MessageDeduplicationId: copy.fifo.deduplicationId, SequenceNumber: String(copy.fifo.sequenceNumber) }
        : {}),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:${queue.region}:${queue.account}:${queue.queueName}${copy.fifo ? '.fifo' : ''}`,
    awsRegion: queue.region,
  };
}
