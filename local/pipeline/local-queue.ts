import { randomUUID } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { sqsRecordOf } from './sqs-record.js';

export type SqsConsumer = (event: SQSEvent) => Promise<SQSBatchResponse | void>;

interface QueuedMessage {
  messageId: string;
  body: string;
  receiveCount: number;
  visibleAt: number;
  receiptHandle: string;
  firstSentAt: number;
}

export interface LocalQueueOptions {
  name: string;
  /** After this many receives without success a message moves to the dead-letter file (the deployed DLQ's maxReceiveCount). */
  maxReceiveCount: number;
  /** Redelivery delay after a failed receive, in ms (the deployed queue's visibility timeout, shortened). */
  retryDelayMs: number;
  deadLetterFile: string;
  log: (line: string) => void;
  now?: () => number;
  /** Batches consumed side by side, as a Lambda event source's concurrent invocations (default 1). */
  concurrency?: number;
}

/**
 * An in-memory SQS queue with the semantics the channel handlers rely on: batches of up to 10,
 * partial batch failures, redelivery after a visibility timeout, ChangeMessageVisibility, and a
 * dead-letter file after `maxReceiveCount` receives.
 */
export class LocalQueue {
  private readonly messages: QueuedMessage[] = [];
  private consumer: SqsConsumer | undefined;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private readonly draining = new Set<Promise<void>>();
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly options: LocalQueueOptions) {
    this.now = options.now ?? Date.now;
  }

  consume(consumer: SqsConsumer): void {
    this.consumer = consumer;
    this.schedule(0);
  }

  /** SendMessageBatch: every body becomes its own message, visible after `delaySeconds`. */
  sendAll(bodies: readonly string[], delaySeconds = 0): string[] {
    return bodies.map((body) => this.send(body, delaySeconds));
  }

  send(body: string, delaySeconds = 0): string {
    const messageId = randomUUID();
    const visibleAt = this.now() + Math.max(0, delaySeconds) * 1000;
    this.messages.push({ messageId, body, receiveCount: 0, visibleAt, receiptHandle: '', firstSentAt: this.now() });
    this.schedule(Math.max(0, delaySeconds) * 1000);
    return messageId;
  }

  /** ChangeMessageVisibility on an in-flight message, by its receipt handle. */
  async delay(record: { receiptHandle: string }, seconds: number): Promise<void> {
    const message = this.messages.find((candidate) => candidate.receiptHandle === record.receiptHandle);
    if (message) message.visibleAt = this.now() + Math.max(0, seconds) * 1000;
  }

  /** Messages not yet consumed (in flight or waiting). */
  get depth(): number {
    return this.messages.length;
  }

  /** Resolves once the queue is empty (or the timeout passes). */
  async drained(timeoutMs = 30_000): Promise<boolean> {
    const deadline = this.now() + timeoutMs;
    while (this.messages.length > 0 && this.now() < deadline) await new Promise((done) => setTimeout(done, 20));
    return this.messages.length === 0;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.all(this.draining);
  }

  private schedule(delayMs: number): void {
    if (this.stopped || !this.consumer) return;
    // Keep the earliest wake-up: a message sent with a delay must not hold back one that is due now.
    const at = this.now() + delayMs;
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      // Each consumer takes its own batch (taking one makes its messages invisible to the others).
      while (this.draining.size < (this.options.concurrency ?? 1)) {
        const drain: Promise<void> = this.drain().finally(() => {
          this.draining.delete(drain);
          if (this.draining.size === 0) this.scheduleNextVisible();
        });
        this.draining.add(drain);
      }
    }, delayMs);
  }

  private scheduleNextVisible(): void {
    if (this.messages.length === 0) return;
    const next = this.messages.reduce((earliest, message) => Math.min(earliest, message.visibleAt), Infinity);
    // All in flight: whoever finishes them schedules the next drain.
    if (next === Infinity) return;
    this.schedule(Math.max(0, next - this.now()));
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const now = this.now();
      const batch = this.messages.filter((message) => message.visibleAt <= now).slice(0, 10);
      if (batch.length === 0) return;
      for (const message of batch) {
        message.receiveCount++;
        message.receiptHandle = randomUUID();
        // Invisible while its consumer works (however long that takes, unlike a real visibility
        // timeout, which would hand a slow batch to a second consumer); a ChangeMessageVisibility
        // meanwhile sets when it comes back.
        message.visibleAt = Infinity;
      }
      let failedIds: Set<string>;
      try {
        const response = await this.consumer!({ Records: batch.map((message) => this.toRecord(message)) });
        failedIds = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
      } catch (error) {
        this.options.log(`${this.options.name} consumer threw for a batch of ${batch.length}: ${String(error)}`);
        failedIds = new Set(batch.map((message) => message.messageId));
      }
      for (const message of batch) {
        if (!failedIds.has(message.messageId)) this.remove(message);
        else if (message.receiveCount >= this.options.maxReceiveCount) await this.deadLetter(message);
        else if (message.visibleAt === Infinity) message.visibleAt = this.now() + this.options.retryDelayMs * message.receiveCount;
      }
    }
  }

  private remove(message: QueuedMessage): void {
    const index = this.messages.indexOf(message);
    if (index >= 0) this.messages.splice(index, 1);
  }

  private async deadLetter(message: QueuedMessage): Promise<void> {
    this.remove(message);
    await mkdir(dirname(this.options.deadLetterFile), { recursive: true });
    const entry = { queue: this.options.name, messageId: message.messageId, receiveCount: message.receiveCount, body: message.body, deadAt: new Date(this.now()).toISOString() };
    await appendFile(this.options.deadLetterFile, `${JSON.stringify(entry)}\n`);
    this.options.log(`${this.options.name}: message ${message.messageId} moved to the dead-letter file after ${message.receiveCount} receives`);
  }

  private toRecord(message: QueuedMessage): SQSRecord {
    return sqsRecordOf({ ...message, sentAt: message.firstSentAt }, { queueName: this.options.name, region: 'local', account: '000000000000', senderId: 'local' });
  }
}
