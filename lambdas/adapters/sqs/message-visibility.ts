import { ChangeMessageVisibilityCommand } from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';

/** The parts of an SQS record that name one receipt of one message. */
export interface ReceivedMessage {
  receiptHandle: string;
  eventSourceARN: string;
}

/**
 * Holds a received message back in its queue for a while, so that its next receive comes when
 * retrying can succeed (an X rate-limit reset) instead of after the queue's visibility timeout.
 * The local runtime implements the same port for its in-memory queues.
 *
 * @example
 * await visibility.delay(record, 900); // the message is received again in about 15 minutes
 */
export interface MessageVisibility {
  delay(message: ReceivedMessage, seconds: number): Promise<void>;
}

/** SQS refuses a visibility timeout above 12 hours. */
export const longestVisibilitySeconds = 43_200;

/**
 * `MessageVisibility` over SQS ChangeMessageVisibility; the queue URL is derived from the record's
 * `eventSourceARN`, so one instance serves every queue the function reads.
 *
 * @example
 * const visibility = new SqsMessageVisibility(new SQSClient({}));
 */
export class SqsMessageVisibility implements MessageVisibility {
  constructor(private readonly sqs: SQSClient) {}

  async delay(message: ReceivedMessage, seconds: number): Promise<void> {
    await this.sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queueUrlFromArn(message.eventSourceARN),
        ReceiptHandle: message.receiptHandle,
        VisibilityTimeout: Math.min(Math.max(Math.ceil(seconds), 0), longestVisibilitySeconds),
      }),
    );
  }
}

/** `arn:aws:sqs:eu-west-1:123456789012:x-queue` → `https://sqs.eu-west-1.amazonaws.com/123456789012/x-queue`. */
export function queueUrlFromArn(arn: string): string {
  const [prefix, partition, service, region, account, name] = arn.split(':');
  if (prefix !== 'arn' || service !== 'sqs' || !region || !account || !name) {
    throw new Error(`"${arn}" is not an SQS queue ARN (arn:<partition>:sqs:<region>:<account>:<queue>)`);
  }
  const domain = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://sqs.${region}.${domain}/${account}/${name}`;
}
