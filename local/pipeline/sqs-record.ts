import type { SQSRecord } from 'aws-lambda';

export interface ReceivedCopy {
  messageId: string;
  receiptHandle: string;
  body: string;
  receiveCount: number;
  /** Epoch ms the message was first sent. */
  sentAt: number;
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
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:${queue.region}:${queue.account}:${queue.queueName}`,
    awsRegion: queue.region,
  };
}
