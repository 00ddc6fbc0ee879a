import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import type { _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamDeadLetter } from './dead-letter-entry.js';
import { restoreEmptyMaps } from './restore-empty-maps.js';

export type StreamConsumer = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;

export interface StreamPollerOptions {
  streamArn: string;
  consumer: StreamConsumer;
  /** Attempts per record before it goes to the dead-letter file (the deployed retry limit + on-failure destination). */
  maxAttempts: number;
  /** The first retry's delay; each next one doubles, up to `maxRetryDelayMs`, as Lambda backs off a failing shard. */
  retryDelayMs: number;
  maxRetryDelayMs: number;
  pollIntervalMs: number;
  deadLetterFile: string;
  log: (line: string) => void;
}

interface ShardCursor {
  iterator: string | undefined;
  /** Records read but not yet processed successfully, in shard order. */
  pending: StreamRecord[];
  attempts: number;
  /** The last record handed on for good (delivered or dead-lettered): where a new iterator resumes. */
  lastSequenceNumber?: string;
  /** The iterator is no good (the engine restarted, a read failed): take a new one after `lastSequenceNumber`. */
  resume?: boolean;
}

/** While the stream cannot be read, polls back off to this interval (DynamoDB Local restarting, say). */
const longestFailingPollMs = 5_000;

/**
 * Reads DynamoDB Local's real stream and hands it to the fan-out handler as Lambda's event source
 * mapping would: in shard order, retrying from the first failed record, giving up on a record after
 * `maxAttempts` into a dead-letter file so the shard is not blocked forever.
 */
export class StreamPoller {
  private readonly shards = new Map<string, ShardCursor>();
  private stopped = false;
  private loop: Promise<void> | undefined;
  /** Each waits for a pass that began after it asked (`afterPass`) and found nothing to do. */
  private idleWaiters: { afterPass: number; done: () => void }[] = [];
  private passes = 0;
  private lastDiscovery = 0;
  private wakeUp: (() => void) | undefined;
  private wokenMidPass = false;
  /** Stream records handed to the consumer so far; lets a caller tell a quiet stream from a lagging one. */
  deliveredRecords = 0;
  /** Passes in a row that could not read the stream; logged at 1, 2, 4, 8, … so an outage is a few lines, not ten a second. */
  private failingPasses = 0;
  /** Counts engine restarts, so a step begun before one does not write its stale view back. */
  private engineGeneration = 0;
  private failingSince = 0;

  constructor(
    private readonly client: DynamoDBStreamsClient,
    private readonly options: StreamPollerOptions,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
  }

  /**
   * Resolves after a whole pass that began after this call found nothing to do: everything written
   * before the call was fanned out (DynamoDB Local shows a write in its stream as soon as it lands).
   */
  idle(): Promise<void> {
    const waited = new Promise<void>((done) => this.idleWaiters.push({ afterPass: this.passes, done }));
    this.wake();
    return waited;
  }

  /**
   * Polls now instead of at the end of the idle interval: the local runtime calls it after each
   * write to the table, so an update is fanned out as soon as it is stored.
   */
  wake(): void {
    // Mid-pass, the write may land behind the shard's read: the next pass then starts without a pause.
    if (this.wakeUp) this.wakeUp();
    else this.wokenMidPass = true;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const pass = ++this.passes;
      let busy = false;
      let failed = false;
      try {
        // Someone waiting for idleness must not miss a shard that opened since the last look.
        await this.discoverShards(this.idleWaiters.length > 0);
        for (const [shardId, cursor] of this.shards) busy = (await this.pollShard(shardId, cursor)) || busy;
      } catch (error) {
        failed = true;
        this.noteFailingPass(error);
      }
      if (!failed && this.failingPasses > 0) {
        this.options.log(`stream poller: reading the stream again after ${Math.round((Date.now() - this.failingSince) / 1000)} s and ${this.failingPasses} failed attempt(s)`);
        this.failingPasses = 0;
      }
      if (!busy && !failed) this.resolveIdleWaiters((waiter) => waiter.afterPass < pass);
      if (failed) await this.sleep(Math.min(this.options.pollIntervalMs * 2 ** this.failingPasses, longestFailingPollMs));
      else if (!busy) await this.sleep(this.options.pollIntervalMs);
    }
    this.resolveIdleWaiters(() => true);
  }

  /**
   * DynamoDB Local was started again over the same data. What this poller knew of it (iterators,
   * records in hand, the position it handed on up to) described an engine that may have lost its
   * last writes when it died, so every shard is read again from its start instead: rereading costs
   * the fan-out a few conditional writes per record, and its ledger makes them harmless.
   */
  engineRestarted(): void {
    this.engineGeneration++;
    for (const cursor of this.shards.values()) {
      // Records in hand are read again from the start too, under their new numbers.
      cursor.pending = [];
      cursor.attempts = 0;
      delete cursor.lastSequenceNumber;
      cursor.resume = true;
    }
    this.wake();
  }

  private noteFailingPass(error: unknown): void {
    if (this.failingPasses === 0) this.failingSince = Date.now();
    this.failingPasses++;
    // Whatever iterator a shard held may not survive what failed (an engine that went away and came
    // back): each takes a new one once its pending records are handed on.
    for (const cursor of this.shards.values()) cursor.resume = true;
    if ((this.failingPasses & (this.failingPasses - 1)) === 0) {
      this.options.log(`stream poller: cannot read the stream (${this.failingPasses} attempt(s) so far, backing off): ${String(error)}`);
    }
  }

  private resolveIdleWaiters(satisfied: (waiter: { afterPass: number }) => boolean): void {
    const [ready, waiting] = [this.idleWaiters.filter(satisfied), this.idleWaiters.filter((waiter) => !satisfied(waiter))];
    this.idleWaiters = waiting;
    for (const waiter of ready) waiter.done();
  }

  private sleep(ms: number): Promise<void> {
    if (this.wokenMidPass) {
      this.wokenMidPass = false;
      return Promise.resolve();
    }
    return new Promise<void>((done) => {
      const timer = setTimeout(woken, ms);
      function woken() {
        clearTimeout(timer);
        done();
      }
      this.wakeUp = woken;
    }).finally(() => (this.wakeUp = undefined));
  }

  private async discoverShards(now: boolean): Promise<void> {
    if (!now && Date.now() - this.lastDiscovery < 1000 && this.shards.size > 0) return;
    this.lastDiscovery = Date.now();
    const { StreamDescription } = await this.client.send(new DescribeStreamCommand({ StreamArn: this.options.streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || this.shards.has(shard.ShardId)) continue;
      this.shards.set(shard.ShardId, { iterator: await this.iteratorFrom(shard.ShardId, undefined), pending: [], attempts: 0 });
    }
  }

  /** One step for one shard; true when it did work (so the loop polls again at once). */
  private async pollShard(shardId: string, cursor: ShardCursor): Promise<boolean> {
    // An engine restart meanwhile resets the cursor (engineRestarted): what this step learnt is then void.
    const engine = this.engineGeneration;
    if (cursor.pending.length === 0) {
      if (cursor.resume) {
        const iterator = await this.iteratorFrom(shardId, cursor.lastSequenceNumber);
        if (engine !== this.engineGeneration) return true;
        cursor.iterator = iterator;
        cursor.resume = false;
      }
      if (!cursor.iterator) return false;
      let read;
      try {
        read = await this.client.send(new GetRecordsCommand({ ShardIterator: cursor.iterator, Limit: 100 }));
        if (engine !== this.engineGeneration) return true;
      } catch (error) {
        if (!(error instanceof TrimmedDataAccessException || error instanceof ExpiredIteratorException)) throw error;
        // DynamoDB Local answers TrimmedDataAccess for an iterator taken on an empty shard once other
        // tables (the recipient table has no stream) have been written: resume after the last record
        // handed on, as a new iterator from Lambda's event source mapping would.
        cursor.iterator = await this.iteratorFrom(shardId, cursor.lastSequenceNumber);
        return true;
      }
      const { Records = [], NextShardIterator } = read;
      cursor.iterator = NextShardIterator;
      cursor.pending = Records;
      if (Records.length === 0) return false;
    }
    const response = await this.deliver(cursor.pending);
    if (engine !== this.engineGeneration) return true;
    const failed = response?.batchItemFailures?.[0]?.itemIdentifier;
    if (failed === undefined) {
      cursor.lastSequenceNumber = cursor.pending.at(-1)?.dynamodb?.SequenceNumber ?? cursor.lastSequenceNumber;
      cursor.pending = [];
      cursor.attempts = 0;
      return true;
    }
    // The fan-out failing may be the engine going away under it: take a new iterator before reading on.
    cursor.resume = true;
    const firstFailed = cursor.pending.findIndex((record) => record.dynamodb?.SequenceNumber === failed);
    cursor.pending = cursor.pending.slice(Math.max(0, firstFailed));
    cursor.attempts++;
    if (cursor.attempts >= this.options.maxAttempts) {
      const dead = cursor.pending.shift()!;
      await this.deadLetter(shardId, dead);
      cursor.lastSequenceNumber = dead.dynamodb?.SequenceNumber ?? cursor.lastSequenceNumber;
      cursor.attempts = 0;
    } else {
      const backoff = Math.min(this.options.retryDelayMs * 2 ** (cursor.attempts - 1), this.options.maxRetryDelayMs);
      await new Promise((done) => setTimeout(done, backoff));
    }
    return true;
  }

  private async iteratorFrom(shardId: string, afterSequenceNumber: string | undefined): Promise<string | undefined> {
    const { ShardIterator } = await this.client.send(
      new GetShardIteratorCommand({
        StreamArn: this.options.streamArn,
        ShardId: shardId,
        ...(afterSequenceNumber ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: afterSequenceNumber } : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return ShardIterator;
  }

  private async deliver(records: StreamRecord[]): Promise<DynamoDBBatchResponse | void> {
    this.deliveredRecords += records.length;
    const event: DynamoDBStreamEvent = { Records: records.map((record) => this.asLambdaRecord(record)) };
    try {
      return await this.options.consumer(event);
    } catch (error) {
      this.options.log(`fan-out threw: ${String(error)}`);
      const first = records[0]?.dynamodb?.SequenceNumber ?? '';
      return { batchItemFailures: [{ itemIdentifier: first }] };
    }
  }

  /** A record as Lambda's event source mapping hands it to a function. */
  private asLambdaRecord(record: StreamRecord): DynamoDBRecord {
    return {
      ...record,
      eventSourceARN: this.options.streamArn,
      dynamodb: {
        ...record.dynamodb,
        NewImage: restoreEmptyMaps(record.dynamodb?.NewImage),
        OldImage: restoreEmptyMaps(record.dynamodb?.OldImage),
        ApproximateCreationDateTime: record.dynamodb?.ApproximateCreationDateTime?.getTime(),
      },
    } as unknown as DynamoDBRecord;
  }

  private async deadLetter(shardId: string, record: StreamRecord): Promise<void> {
    await mkdir(dirname(this.options.deadLetterFile), { recursive: true });
    const entry: StreamDeadLetter = {
      source: 'stream',
      shardId,
      ...(record.dynamodb?.SequenceNumber ? { sequenceNumber: record.dynamodb.SequenceNumber } : {}),
      record: { ...this.asLambdaRecord(record) },
      deadAt: new Date().toISOString(),
    };
    await appendFile(this.options.deadLetterFile, `${JSON.stringify(entry)}\n`);
    this.options.log(`stream record ${record.dynamodb?.SequenceNumber} moved to the dead-letter file after ${this.options.maxAttempts} attempts`);
  }
}
