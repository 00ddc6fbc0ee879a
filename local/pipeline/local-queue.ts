import { randomUUID } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { sqsRecordOf } from './sqs-record.js';
import type { MessageOrdering } from './sqs-record.js';
import type { QueueDeadLetter } from './dead-letter-entry.js';
import { QueueJournal } from './queue-journal.js';

export type SqsConsumer = (event: SQSEvent) => Promise<SQSBatchResponse | void>;

interface QueuedMessage {
  messageId: string;
  body: string;
  receiveCount: number;
  visibleAt: number;
  receiptHandle: string;
  firstSentAt: number;
  fifo?: MessageOrdering & { sequenceNumber: number };
}

/** SQS FIFO drops a message whose deduplication id it has seen within the last five minutes. */
const deduplicationWindowMs = 5 * 60_000;

export interface LocalQueueOptions {
  name: string;
  /** After this many receives without success a message moves to the dead-letter file (the deployed DLQ's maxReceiveCount). */
  maxReceiveCount: number;
  /** Redelivery delay after a failed receive, in ms: the deployed queue's visibility timeout (tests shorten it). */
  retryDelayMs: number;
  deadLetterFile: string;
  log: (line: string) => void;
  now?: () => number;
  /** Batches consumed side by side, as a Lambda event source's concurrent invocations (default 1). */
  concurrency?: number;
  /** Messages per batch at most, as the event source's batch size (default 10). */
  batchSize?: number;
  /**
   * A FIFO queue, as the channel queues are deployed: a message group is received in order, none of
   * its messages while an earlier one is in flight or waiting out a delay, and a deduplication id
   * seen in the last five minutes is dropped.
   */
  fifo?: boolean;
  /**
   * Keep the queue's messages in this file (`npm start --data-dir`): a message sent survives a crash
   * of the process and is received again after the restart. In memory only when absent.
   */
  journalFile?: string;
  /**
   * How fast a ChangeMessageVisibility's seconds pass (default 1). Tests pass a small factor so a
   * consumer's backoff of minutes, or a receiver's Retry-After, passes in milliseconds while the
   * consumer still asks for the real delay.
   */
  delayScale?: number;
}

/**
 * An in-memory SQS queue with the semantics the channel handlers rely on: batches of up to 10,
 * partial batch failures, redelivery after a visibility timeout, ChangeMessageVisibility, a
 * dead-letter file after `maxReceiveCount` receives and, with `fifo`, FIFO's order per message group
 * and deduplication.
 */
export class LocalQueue {
  private readonly messages: QueuedMessage[] = [];
  private readonly deduplicationIds = new Map<string, number>();
  private sequenceNumber = 0;
  private consumer: SqsConsumer | undefined;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private readonly draining = new Set<Promise<void>>();
  private stopped = false;
  private readonly now: () => number;
  private readonly journal: QueueJournal | undefined;

  constructor(private readonly options: LocalQueueOptions) {
    this.now = options.now ?? Date.now;
    if (options.journalFile) {
      this.journal = new QueueJournal(options.journalFile);
      const { messages, deduplicatedAt } = this.journal.load(deduplicationWindowMs, this.now());
      for (const [id, at] of deduplicatedAt) this.deduplicationIds.set(id, at);
      for (const { fifo: ordering, ...message } of messages) {
        const fifo = ordering ? { ...ordering, sequenceNumber: ++this.sequenceNumber } : undefined;
        this.messages.push({ ...message, receiveCount: 0, receiptHandle: '', ...(fifo ? { fifo } : {}) });
      }
      if (messages.length > 0) options.log(`${options.name}: ${messages.length} message(s) kept from before the restart`);
    }
  }

  get name(): string {
    return this.options.name;
  }

  consume(consumer: SqsConsumer): void {
    this.consumer = consumer;
    this.schedule(0);
  }

  /** SendMessageBatch: every body becomes its own message, visible after `delaySeconds`. */
  sendAll(bodies: readonly string[], delaySeconds = 0): string[] {
    return bodies.map((body) => this.send(body, delaySeconds));
  }

  /** SendMessage; a FIFO queue needs the message's `ordering` (and takes no delay per message). */
  send(body: string, delaySeconds = 0, ordering?: MessageOrdering): string {
    if (this.options.fifo && !ordering) throw new Error(`${this.options.name} is a FIFO queue: a message needs a group id and a deduplication id`);
    const now = this.now();
    const messageId = randomUUID();
    let fifo: QueuedMessage['fifo'];
    if (this.options.fifo && ordering) {
      for (const [id, seenAt] of this.deduplicationIds) if (seenAt + deduplicationWindowMs <= now) this.deduplicationIds.delete(id);
      // SQS answers a duplicate as if it were sent, and delivers nothing.
      if (this.deduplicationIds.has(ordering.deduplicationId)) return messageId;
      this.deduplicationIds.set(ordering.deduplicationId, now);
      fifo = { ...ordering, sequenceNumber: ++this.sequenceNumber };
    }
    const visibleAt = now + Math.max(0, delaySeconds) * 1000;
    this.journal?.sent({ messageId, body, firstSentAt: now, visibleAt, ...(ordering && fifo ? { fifo: ordering } : {}) });
    this.messages.push({ messageId, body, receiveCount: 0, visibleAt, receiptHandle: '', firstSentAt: now, ...(fifo ? { fifo } : {}) });
    this.schedule(Math.max(0, delaySeconds) * 1000);
    return messageId;
  }

  /** ChangeMessageVisibility on an in-flight message, by its receipt handle. */
  async delay(record: { receiptHandle: string }, seconds: number): Promise<void> {
    const message = this.messages.find((candidate) => candidate.receiptHandle === record.receiptHandle);
    if (message) message.visibleAt = this.now() + Math.max(0, seconds) * 1000 * (this.options.delayScale ?? 1);
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
    const now = this.now();
    const at = now + delayMs;
    // (A wake-up already due by `now` but not yet fired is behind a clock that jumped: replace it.)
    if (this.timer && this.timerAt <= at && this.timerAt > now) return;
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
      const received = this.receivable(this.now());
      if (received.length === 0) return;
      // As SQS does, a receive that finds a message already received maxReceiveCount times moves it
      // to the dead-letter queue instead of handing it over: whichever consumer failed it last (or
      // whether it was made visible again mid-flight) does not matter.
      const exhausted = received.filter((message) => message.receiveCount >= this.options.maxReceiveCount);
      const batch = received.filter((message) => message.receiveCount < this.options.maxReceiveCount);
      for (const message of [...exhausted, ...batch]) {
        // Invisible while its consumer works (however long that takes, unlike a real visibility
        // timeout, which would hand a slow batch to a second consumer), or while it is written away;
        // a ChangeMessageVisibility meanwhile sets when it comes back.
        message.visibleAt = Infinity;
        // This receive makes every earlier receipt stale, the one of a consumer still finishing the
        // message's last receive included: its failure must not make a message being dead-lettered
        // visible again, which had it written to the dead-letter file twice.
        message.receiptHandle = randomUUID();
      }
      for (const message of exhausted) await this.deadLetter(message);
      if (batch.length === 0) continue;
      for (const message of batch) message.receiveCount++;
      const receiptHandles = batch.map((message) => message.receiptHandle);
      let failedIds: Set<string>;
      try {
        const response = await this.consumer!({ Records: batch.map((message) => this.toRecord(message)) });
        failedIds = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
      } catch (error) {
        this.options.log(`${this.options.name} consumer threw for a batch of ${batch.length}: ${String(error)}`);
        failedIds = new Set(batch.map((message) => message.messageId));
      }
      for (const [index, message] of batch.entries()) {
        // Made visible again while in flight (a ChangeMessageVisibility) and received by another
        // consumer since: as in SQS, this receive's handle is stale, and the newer receive decides.
        if (message.receiptHandle !== receiptHandles[index]) continue;
        if (!failedIds.has(message.messageId)) this.remove(message);
        else if (message.visibleAt === Infinity) message.visibleAt = this.now() + this.options.retryDelayMs;
      }
    }
  }

  /**
   * The messages a receive returns (up to the batch size): the visible ones in queue order; in a FIFO queue a group
   * contributes only while nothing before it in the group is in flight or waiting out a delay.
   */
  private receivable(now: number): QueuedMessage[] {
    const blockedGroups = new Set<string>();
    const batch: QueuedMessage[] = [];
    for (const message of this.messages) {
      if (batch.length === (this.options.batchSize ?? 10)) break;
      const group = message.fifo?.groupId;
      if (group !== undefined && blockedGroups.has(group)) continue;
      if (message.visibleAt <= now) batch.push(message);
      else if (group !== undefined) blockedGroups.add(group);
    }
    return batch;
  }

  private remove(message: QueuedMessage): void {
    const index = this.messages.indexOf(message);
    if (index < 0) return;
    this.messages.splice(index, 1);
    this.journal?.done(message.messageId);
    if (this.messages.length === 0) this.journal?.compactIfLong(this.deduplicationIds);
  }

  private async deadLetter(message: QueuedMessage): Promise<void> {
    await mkdir(dirname(this.options.deadLetterFile), { recursive: true });
    const ordering = message.fifo ? { groupId: message.fifo.groupId, deduplicationId: message.fifo.deduplicationId } : undefined;
    const entry: QueueDeadLetter = {
      source: 'queue',
      queue: this.options.name,
      messageId: message.messageId,
      receiveCount: message.receiveCount,
      body: message.body,
      ...(ordering ? { ordering } : {}),
      deadAt: new Date(this.now()).toISOString(),
    };
    // In the dead-letter file before it leaves the journal: a crash between the two keeps it in both, never in neither.
    await appendFile(this.options.deadLetterFile, `${JSON.stringify(entry)}\n`);
    this.remove(message);
    this.options.log(`${this.options.name}: message ${message.messageId} moved to the dead-letter file after ${message.receiveCount} receives`);
  }

  private toRecord(message: QueuedMessage): SQSRecord {
    return sqsRecordOf({ ...message, sentAt: message.firstSentAt }, { queueName: this.options.name, region: 'local', account: '000000000000', senderId: 'local' });
  }
}
