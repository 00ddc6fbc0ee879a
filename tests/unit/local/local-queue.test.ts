import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { LocalQueue } from '../../../local/pipeline/local-queue.js';

function aQueue(concurrency: number, now?: () => number) {
  return new LocalQueue({ name: 'test', maxReceiveCount: 5, retryDelayMs: 1, deadLetterFile: join(tmpdir(), 'never-written.jsonl'), log: () => {}, concurrency, ...(now ? { now } : {}) });
}

describe('the local queue', () => {
  it('never hands a message to a second consumer while the first still works on it, however long that takes', async () => {
    // Each quick batch takes a virtual second: far past any retry delay of the slow one.
    let clock = 0;
    const queue = aQueue(2, () => clock);
    let release!: () => void;
    const gate = new Promise<void>((done) => (release = done));
    const receives = new Map<string, number>();
    queue.consume(async (event: SQSEvent) => {
      for (const record of event.Records) receives.set(record.body, (receives.get(record.body) ?? 0) + 1);
      // The batch holding "slow-0" is held until the other consumer has come back for more, twice.
      if (event.Records.some((record) => record.body === 'slow-0')) await gate;
      else clock += 1_000;
    });
    queue.sendAll(Array.from({ length: 10 }, (_, index) => `slow-${index}`));
    queue.sendAll(Array.from({ length: 30 }, (_, index) => `quick-${index}`));
    while ([...receives.keys()].filter((body) => body.startsWith('quick')).length < 30) await new Promise((done) => setImmediate(done));
    release();
    expect(await queue.drained(5_000)).toBe(true);
    expect([...receives.values()].every((count) => count === 1)).toBe(true);
    expect(receives.size).toBe(40);
    await queue.stop();
  });

  it('brings a message its consumer reported failed back for another receive', async () => {
    const queue = aQueue(1);
    const seen: string[] = [];
    let failOnce = true;
    queue.consume(async (event: SQSEvent) => {
      seen.push(...event.Records.map((record) => record.body));
      if (failOnce && event.Records.some((record) => record.body === 'flaky')) {
        failOnce = false;
        return { batchItemFailures: [{ itemIdentifier: event.Records.find((record) => record.body === 'flaky')!.messageId }] };
      }
      return { batchItemFailures: [] };
    });
    queue.send('flaky');
    expect(await queue.drained(5_000)).toBe(true);
    expect(seen).toEqual(['flaky', 'flaky']);
    await queue.stop();
  });
});
