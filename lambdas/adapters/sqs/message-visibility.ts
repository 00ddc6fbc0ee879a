import { ChangeMessageVisibilityCommand } from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { longestVisibilitySeconds } from '../../core/ports/message-visibility.js';
import type { MessageVisibility, ReceivedMessage } from '../../core/ports/message-visibility.js';

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
