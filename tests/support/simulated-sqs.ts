import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { MessageVisibility, ReceivedMessage } from '../../lambdas/core/ports/message-visibility.js';
import { sqsRecordOf } from '../../local/pipeline/sqs-record.js';

/** Time that moves only when the simulated queue has nothing visible: leases and visibility delays cost no wall-clock time. */
export class VirtualClock {
  constructor(private current = Date.parse('2024-12-12T07:02:11.000Z')) {}
  now(): number {
    return this.current;
  }
  advanceTo(epochMs: number): void {
    this.current = Math.max(this.current, epochMs);
  }
  /** The `Clock` the handlers take. */
  readonly clock = () => new Date(this.current);
}

interface SimulatedMessage {
  messageId: string;
  body: string;
  receiveCount: number;
  visibleAt: number;
  receiptHandle: string;
}

export interface SimulatedSqsOptions {
  name: string;
  clock: VirtualClock;
  /** Redelivery after a failed receive, as the deployed queue's visibility timeout. */
  visibilityTimeoutSeconds?: number;
  maxReceiveCount?: number;
  /** How many copies each send becomes (SNS and SQS both deliver at least once). */
  copiesPerSend?: number;
  /** The order visible messages are received in; a shuffle for a storm. */
  order?: <T>(messages: T[]) => T[];
}

type SqsConsumer = (event: SQSEvent) => Promise<SQSBatchResponse | void>;

/**
 * SQS as a Lambda event source sees it, in virtual time: batches of up to 10, partial batch
 * failures, redelivery after the visibility timeout or a ChangeMessageVisibility, and a
 * dead-letter list after maxReceiveCount receives.
 */
export class SimulatedSqs implements MessageVisibility {
  readonly deadLetters: SimulatedMessage[] = [];
  /** The highest receive count any message needed. */
  mostReceives = 0;
  sent = 0;
  private readonly messages: SimulatedMessage[] = [];

  constructor(private readonly options: SimulatedSqsOptions) {}

  /** Messages not yet consumed (in flight or waiting). */
  get depth(): number {
    return this.messages.length;
  }

  send(body: string, delaySeconds = 0): void {
    for (let copy = 0; copy < (this.options.copiesPerSend ?? 1); copy++) {
      this.sent++;
      this.messages.push({ messageId: randomUUID(), body, receiveCount: 0, visibleAt: this.options.clock.now() + delaySeconds * 1000, receiptHandle: '' });
    }
  }

  async delay(message: ReceivedMessage, seconds: number): Promise<void> {
    const held = this.messages.find((candidate) => candidate.receiptHandle === message.receiptHandle);
    if (held) held.visibleAt = this.options.clock.now() + Math.max(0, seconds) * 1000;
  }

  /** Receives until the queue is empty, `concurrentBatches` Lambda invocations at a time. */
  async drain(consumer: SqsConsumer, { concurrentBatches = 1 } = {}): Promise<void> {
    const { clock, maxReceiveCount = 5, visibilityTimeoutSeconds = 30, order = (messages) => messages } = this.options;
    while (this.messages.length > 0) {
      const now = clock.now();
      const visible = order(this.messages.filter((message) => message.visibleAt <= now)).slice(0, 10 * concurrentBatches);
      if (visible.length === 0) {
        clock.advanceTo(Math.min(...this.messages.map((message) => message.visibleAt)));
        continue;
      }
      for (const message of visible) {
        message.receiveCount++;
        message.receiptHandle = randomUUID();
        message.visibleAt = now + visibilityTimeoutSeconds * 1000;
        this.mostReceives = Math.max(this.mostReceives, message.receiveCount);
      }
      const batches = Array.from({ length: Math.ceil(visible.length / 10) }, (_, index) => visible.slice(index * 10, index * 10 + 10));
      await Promise.all(
        batches.map(async (batch) => {
          let failed: Set<string>;
          try {
            const response = await consumer({ Records: batch.map((message) => this.toRecord(message)) });
            failed = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
          } catch {
            failed = new Set(batch.map((message) => message.messageId));
          }
          for (const message of batch) {
            if (!failed.has(message.messageId)) this.remove(message);
            else if (message.receiveCount >= maxReceiveCount) {
              this.remove(message);
              this.deadLetters.push(message);
            }
          }
        }),
      );
    }
  }

  private remove(message: SimulatedMessage): void {
    this.messages.splice(this.messages.indexOf(message), 1);
  }

  private toRecord(message: SimulatedMessage): SQSRecord {
    return sqsRecordOf({ ...message, sentAt: 0 }, { queueName: this.options.name, region: 'us-east-1', account: '123456789012', senderId: 'sns' });
  }
}
