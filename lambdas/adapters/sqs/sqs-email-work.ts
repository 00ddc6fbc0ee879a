import type { SQSClient } from '@aws-sdk/client-sqs';
import type { PlanPageTask, SendTask } from '../../core/email/email-tasks.js';
import type { EmailWork } from '../../core/ports/email-work.js';
import { sendMessageBatches } from './send-message-batches.js';

/**
 * The email send queue on SQS, for those who only hand mails over: the fan-out (subscription mails)
 * and the senders (a batch put back for later).
 *
 * @example
 * const sendQueue = new SqsSendQueue(new SQSClient({}), sendQueueUrl);
 */
export class SqsSendQueue implements Pick<EmailWork, 'send'> {
  constructor(
    private readonly sqs: SQSClient,
    private readonly sendQueueUrl: string,
  ) {}

  send(tasks: readonly SendTask[], options: { delaySeconds?: number } = {}): Promise<void> {
    return sendMessageBatches(this.sqs, this.sendQueueUrl, tasks, options.delaySeconds);
  }
}

/**
 * The email channel's work queues on SQS: page tasks to the plan queue, send tasks to the send queue.
 *
 * @example
 * const work = new SqsEmailWork(new SQSClient({}), { planQueueUrl, sendQueueUrl });
 */
export class SqsEmailWork extends SqsSendQueue implements EmailWork {
  constructor(
    private readonly client: SQSClient,
    private readonly queues: { planQueueUrl: string; sendQueueUrl: string },
  ) {
    super(client, queues.sendQueueUrl);
  }

  planPages(tasks: readonly PlanPageTask[]): Promise<void> {
    return sendMessageBatches(this.client, this.queues.planQueueUrl, tasks);
  }
}
