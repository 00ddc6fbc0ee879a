import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { processInOrderPerKey } from '../../../lambdas/handlers/stream/process-in-order-per-key.js';

let sequence = 100;
function aRecordOf(partition: string, name: string): DynamoDBRecord {
  return { eventName: 'INSERT', dynamodb: { SequenceNumber: String(sequence++), Keys: { pk: { S: partition }, sk: { S: name } } } };
}
const nameOf = (record: DynamoDBRecord) => record.dynamodb!.Keys!['sk']!.S!;

describe('a stream batch handled in order per incident', () => {
  it('handles one incident’s records in shard order while other incidents run beside it', async () => {
    const records = [aRecordOf('INCIDENT#a', 'a1'), aRecordOf('INCIDENT#b', 'b1'), aRecordOf('INCIDENT#a', 'a2'), aRecordOf('INCIDENT#b', 'b2'), aRecordOf('INCIDENT#a', 'a3')];
    const started: string[] = [];
    const finished: string[] = [];
    let running = 0;
    let mostAtOnce = 0;
    const result = await processInOrderPerKey(records, async (record) => {
      started.push(nameOf(record));
      mostAtOnce = Math.max(mostAtOnce, ++running);
      await new Promise((done) => setTimeout(done, 5));
      running--;
      finished.push(nameOf(record));
    });
    expect(result.batchItemFailures).toEqual([]);
    expect(started.filter((name) => name.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    expect(finished.filter((name) => name.startsWith('b'))).toEqual(['b1', 'b2']);
    expect(mostAtOnce).toBe(2);
  });

  it('after a failure, reports that record and its incident’s later ones, unhandled, and handles the other incidents', async () => {
    const records = [aRecordOf('INCIDENT#a', 'a1'), aRecordOf('INCIDENT#a', 'a2'), aRecordOf('INCIDENT#b', 'b1'), aRecordOf('INCIDENT#a', 'a3'), aRecordOf('INCIDENT#b', 'b2')];
    const handled: string[] = [];
    const result = await processInOrderPerKey(records, async (record) => {
      if (nameOf(record) === 'a2') throw new Error('SNS is unavailable');
      handled.push(nameOf(record));
    });
    expect(handled.sort()).toEqual(['a1', 'b1', 'b2']);
    expect(result.batchItemFailures).toEqual([records[1], records[3]].map((record) => ({ itemIdentifier: record!.dynamodb!.SequenceNumber })));
  });
});
