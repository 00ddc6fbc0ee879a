import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import type { _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import { mockClient } from 'aws-sdk-client-mock';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { StreamPoller } from '../../../local/pipeline/stream-poller.js';

// The local runtime's stream poller when DynamoDB Local goes away and comes back (killed, restarted
// by its supervisor): a few log lines, not ten a second, and it resumes after the last record it
// handed on with a fresh iterator.

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
const shard = { StreamDescription: { Shards: [{ ShardId: 'shard-1' }] } };
const aRecord = (sequenceNumber: string): StreamRecord => ({ eventName: 'INSERT', dynamodb: { SequenceNumber: sequenceNumber, Keys: { pk: { S: sequenceNumber } } } });

function aPoller(client: DynamoDBStreamsClient, lines: string[], delivered: string[]) {
  return new StreamPoller(client, {
    streamArn: 'arn:aws:dynamodb:local:000000000000:table/t/stream/1',
    consumer: async (event: DynamoDBStreamEvent) => void delivered.push(...event.Records.map((record) => record.dynamodb!.SequenceNumber!)),
    maxAttempts: 11,
    retryDelayMs: 1,
    maxRetryDelayMs: 4,
    pollIntervalMs: 1,
    deadLetterFile: '/nonexistent/never-written.jsonl',
    log: (line) => lines.push(line),
  });
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition() && Date.now() < deadline) await new Promise((done) => setTimeout(done, 2));
}

describe('the local stream poller while DynamoDB Local is away', () => {
  it('logs an outage at 1, 2, 4, 8, … failed attempts, backs off, and says when it reads again', async () => {
    const streams = mockClient(DynamoDBStreamsClient);
    let describes = 0;
    streams.on(DescribeStreamCommand).callsFake(async () => {
      if (++describes <= 9) throw refused;
      return shard;
    });
    streams.on(GetShardIteratorCommand).resolves({ ShardIterator: 'iterator-1' });
    streams.on(GetRecordsCommand).resolves({ Records: [aRecord('1')], NextShardIterator: 'iterator-2' }).on(GetRecordsCommand, { ShardIterator: 'iterator-2' }).resolves({ Records: [], NextShardIterator: 'iterator-2' });
    const lines: string[] = [];
    const delivered: string[] = [];
    const poller = aPoller(new DynamoDBStreamsClient({ region: 'local' }), lines, delivered);
    poller.start();
    await until(() => delivered.length > 0);
    await poller.stop();
    streams.restore();

    expect(delivered).toEqual(['1']);
    expect(lines.filter((line) => line.includes('cannot read the stream')).map((line) => line.match(/\((\d+) attempt/)?.[1])).toEqual(['1', '2', '4', '8']);
    expect(lines.at(-1)).toMatch(/^stream poller: reading the stream again after \d+ s and 9 failed attempt\(s\)$/);
  });

  it('takes a new iterator after the last record it handed on once a read fails, so nothing is read twice or skipped', async () => {
    const streams = mockClient(DynamoDBStreamsClient);
    streams.on(DescribeStreamCommand).resolves(shard);
    streams
      .on(GetShardIteratorCommand, { ShardIteratorType: 'TRIM_HORIZON' })
      .resolves({ ShardIterator: 'from-the-start' })
      .on(GetShardIteratorCommand, { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: '2' })
      .resolves({ ShardIterator: 'after-2' });
    let staleReads = 0;
    streams
      .on(GetRecordsCommand, { ShardIterator: 'from-the-start' })
      .resolves({ Records: [aRecord('1'), aRecord('2')], NextShardIterator: 'stale' })
      .on(GetRecordsCommand, { ShardIterator: 'stale' })
      .callsFake(async () => {
        staleReads++;
        throw refused;
      })
      .on(GetRecordsCommand, { ShardIterator: 'after-2' })
      .resolves({ Records: [aRecord('3')], NextShardIterator: 'after-3' })
      .on(GetRecordsCommand, { ShardIterator: 'after-3' })
      .resolves({ Records: [], NextShardIterator: 'after-3' });
    const lines: string[] = [];
    const delivered: string[] = [];
    const poller = aPoller(new DynamoDBStreamsClient({ region: 'local' }), lines, delivered);
    poller.start();
    await until(() => delivered.length >= 3);
    await poller.stop();
    streams.restore();

    expect(delivered).toEqual(['1', '2', '3']);
    expect(staleReads).toBe(1);
  });

  it('takes a new iterator after the fan-out failed, rather than trust the one it held when the engine may have gone away', async () => {
    const streams = mockClient(DynamoDBStreamsClient);
    streams.on(DescribeStreamCommand).resolves(shard);
    streams
      .on(GetShardIteratorCommand, { ShardIteratorType: 'TRIM_HORIZON' })
      .resolves({ ShardIterator: 'from-the-start' })
      .on(GetShardIteratorCommand, { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: '1' })
      .resolves({ ShardIterator: 'after-1' });
    streams
      .on(GetRecordsCommand, { ShardIterator: 'from-the-start' })
      .resolves({ Records: [aRecord('1')], NextShardIterator: 'from-before-the-restart' })
      .on(GetRecordsCommand, { ShardIterator: 'from-before-the-restart' })
      .resolves({ Records: [], NextShardIterator: 'from-before-the-restart' })
      .on(GetRecordsCommand, { ShardIterator: 'after-1' })
      .resolves({ Records: [aRecord('2')], NextShardIterator: 'after-2' })
      .on(GetRecordsCommand, { ShardIterator: 'after-2' })
      .resolves({ Records: [], NextShardIterator: 'after-2' });
    const delivered: string[] = [];
    let failOnce = true;
    const poller = new StreamPoller(new DynamoDBStreamsClient({ region: 'local' }), {
      streamArn: 'arn:aws:dynamodb:local:000000000000:table/t/stream/1',
      consumer: async (event: DynamoDBStreamEvent) => {
        delivered.push(...event.Records.map((record) => record.dynamodb!.SequenceNumber!));
        // The engine went away under the fan-out, and came back.
        if (failOnce) {
          failOnce = false;
          return { batchItemFailures: [{ itemIdentifier: '1' }] };
        }
      },
      maxAttempts: 11,
      retryDelayMs: 1,
      maxRetryDelayMs: 4,
      pollIntervalMs: 1,
      deadLetterFile: '/nonexistent/never-written.jsonl',
      log: () => {},
    });
    poller.start();
    await until(() => delivered.includes('2'));
    await poller.stop();
    streams.restore();

    expect(delivered).toEqual(['1', '1', '2']);
  });

  it('reads every shard again from its start after the engine restarted, whatever position it had reached before', async () => {
    const streams = mockClient(DynamoDBStreamsClient);
    streams.on(DescribeStreamCommand).resolves(shard);
    let restarted = false;
    streams.on(GetShardIteratorCommand, { ShardIteratorType: 'TRIM_HORIZON' }).callsFake(async () => ({ ShardIterator: restarted ? 'renumbered' : 'from-the-start' }));
    // Whatever the engine kept of its stream, the poller starts over and hands on what it finds.
    streams
      .on(GetRecordsCommand, { ShardIterator: 'from-the-start' })
      .resolves({ Records: [aRecord('235')], NextShardIterator: 'caught-up' })
      .on(GetRecordsCommand, { ShardIterator: 'caught-up' })
      .resolves({ Records: [], NextShardIterator: 'caught-up' })
      .on(GetRecordsCommand, { ShardIterator: 'renumbered' })
      .resolves({ Records: [aRecord('139'), aRecord('140')], NextShardIterator: 'renumbered-caught-up' })
      .on(GetRecordsCommand, { ShardIterator: 'renumbered-caught-up' })
      .resolves({ Records: [], NextShardIterator: 'renumbered-caught-up' });
    const delivered: string[] = [];
    const poller = aPoller(new DynamoDBStreamsClient({ region: 'local' }), [], delivered);
    poller.start();
    await until(() => delivered.includes('235'));
    restarted = true;
    poller.engineRestarted();
    await until(() => delivered.includes('140'));
    await poller.stop();
    streams.restore();

    expect(delivered).toEqual(['235', '139', '140']);
  });
});
