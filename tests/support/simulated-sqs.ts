import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { MessageVisibility, ReceivedMessage } from '../../lambdas/core/ports/message-visibility.js';
import { sqsRecordOf } from '../../local/pipeline/sqs-record.js';
import type { MessageOrdering } from '../../local/pipeline/sqs-record.js';

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
  fifo?: MessageOrdering & { sequenceNumber: number };
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
  /**
   * A FIFO queue: a message group's messages are received in the order sent (copies included, as a
   * redelivery comes back before the group's later messages), none while an earlier one is in
   * flight or delayed, and one group's messages in one batch only; `order` shuffles the groups.
   */
  fifo?: boolean;
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

  send(body: string, delaySeconds = 0, ordering?: MessageOrdering): void {
    if (this.options.fifo && !ordering) throw new Error(`${this.options.name} is a FIFO queue: a message needs a group id and a deduplication id`);
    for (let copy = 0; copy < (this.options.copiesPerSend ?? 1); copy++) {
      this.sent++;
      const fifo = this.options.fifo && ordering ? { fifo: { ...ordering, sequenceNumber: this.sent } } : {};
      this.messages.push({ messageId: randomUUID(), body, receiveCount: 0, visibleAt: this.options.clock.now() + delaySeconds * 1000, receiptHandle: '', ...fifo });
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
      const batches = this.options.fifo ? this.fifoBatches(now, order, concurrentBatches) : this.standardBatches(now, order, concurrentBatches);
      if (batches.length === 0) {
        clock.advanceTo(Math.min(...this.messages.map((message) => message.visibleAt)));
        continue;
      }
      for (const message of batches.flat()) {
        message.receiveCount++;
        message.receiptHandle = randomUUID();
        message.visibleAt = now + visibilityTimeoutSeconds * 1000;
        this.mostReceives = Math.max(this.mostReceives, message.receiveCount);
      }
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

  private standardBatches(now: number, order: <T>(messages: T[]) => T[], concurrentBatches: number): SimulatedMessage[][] {
    const visible = order(this.messages.filter((message) => message.visibleAt <= now)).slice(0, 10 * concurrentBatches);
    return Array.from({ length: Math.ceil(visible.length / 10) }, (_, index) => visible.slice(index * 10, index * 10 + 10));
  }

  /** Each group's receivable head, in the group's order; the groups shuffled among up to `concurrentBatches` batches of 10. */
  private fifoBatches(now: number, order: <T>(messages: T[]) => T[], concurrentBatches: number): SimulatedMessage[][] {
    const heads = new Map<string, SimulatedMessage[]>();
    const blocked = new Set<string>();
    for (const message of this.messages) {
      const group = message.fifo!.groupId;
      if (blocked.has(group)) continue;
      if (message.visibleAt > now) blocked.add(group);
      else heads.set(group, [...(heads.get(group) ?? []), message]);
    }
    const batches: SimulatedMessage[][] = [];
    for (const group of order([...heads.keys()])) {
      const messages = heads.get(group)!;
      let batch = batches.find((candidate) => candidate.length < 10);
      if (!batch) {
        if (batches.length === concurrentBatches) break;
        batches.push((batch = []));
      }
      batch.push(...messages.slice(0, 10 - batch.length));
    }
    return batches;
  }

  private remove(message: SimulatedMessage): void {
    this.messages.splice(this.messages.indexOf(message), 1);
  }

  private toRecord(message: SimulatedMessage): SQSRecord {
    return sqsRecordOf({ ...message, sentAt: 0 }, { queueName: this.options.name, region: 'us-east-1', account: '123456789012', senderId: 'sns' });
  }
}
