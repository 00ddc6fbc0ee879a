import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { deadLetterEntrySchema } from '../../../local/pipeline/dead-letter-entry.js';
import { LocalQueue } from '../../../local/pipeline/local-queue.js';
import type { LocalQueueOptions } from '../../../local/pipeline/local-queue.js';

// `npm start --data-dir`: a local queue keeps its messages in a journal file, so a process that
// dies (kill -9, a crash) loses none of them; the next process over the same file receives them.

function aJournaledQueue(directory: string, options: Partial<LocalQueueOptions> = {}) {
  return new LocalQueue({
    name: 'x',
    maxReceiveCount: 3,
    retryDelayMs: 1,
    deadLetterFile: join(directory, 'dead-letter.jsonl'),
    journalFile: join(directory, 'queues', 'x.jsonl'),
    log: () => {},
    fifo: true,
    ...options,
  });
}

const ordering = (groupId: string, deduplicationId: string) => ({ groupId, deduplicationId });
const bodies = (event: SQSEvent) => event.Records.map((record) => record.body);

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((done) => setTimeout(done, 1));
}

describe('a local queue over a journal (npm start --data-dir)', () => {
  it('hands the messages of a process that died to the next one, in their groups’ order, and not the ones already consumed', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'queue-journal-'));
    const before = aJournaledQueue(directory);
    const consumed: string[] = [];
    before.consume(async (event) => void consumed.push(...bodies(event)));
    before.send('a1', 0, ordering('a', 'a1'));
    expect(await before.drained(5_000)).toBe(true);
    await before.stop();
    // The process dies with these sent and not yet consumed (no consumer ran them).
    const dying = aJournaledQueue(directory);
    for (const body of ['a2', 'b1', 'a3']) dying.send(body, 0, ordering(body[0]!, body));

    const after = aJournaledQueue(directory);
    expect(after.depth).toBe(3);
    const received: string[] = [];
    after.consume(async (event) => void received.push(...bodies(event)));
    expect(await after.drained(5_000)).toBe(true);
    expect(consumed).toEqual(['a1']);
    expect(received.filter((body) => body.startsWith('a'))).toEqual(['a2', 'a3']);
    expect(received).toContain('b1');
    await after.stop();
  });

  it('receives again a message whose consumer died with it in hand', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'queue-journal-'));
    const dying = aJournaledQueue(directory);
    let took!: () => void;
    const taken = new Promise<void>((done) => (took = done));
    // The consumer never finishes: the process is gone before it could.
    dying.consume(async () => {
      took();
      await new Promise(() => {});
    });
    dying.send('in-hand', 0, ordering('a', 'in-hand'));
    await taken;

    const after = aJournaledQueue(directory);
    const received: string[] = [];
    after.consume(async (event) => void received.push(...bodies(event)));
    expect(await after.drained(5_000)).toBe(true);
    expect(received).toEqual(['in-hand']);
    await after.stop();
  });

  it('remembers the deduplication ids of the last five minutes across the restart, as SQS would', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'queue-journal-'));
    let clock = 1_000_000;
    const before = aJournaledQueue(directory, { now: () => clock });
    before.consume(async () => {});
    before.send('first', 0, ordering('a', 'update-1.en'));
    expect(await before.drained(5_000)).toBe(true);
    await before.stop();

    const after = aJournaledQueue(directory, { now: () => clock });
    const received: string[] = [];
    after.consume(async (event) => void received.push(...bodies(event)));
    after.send('republished', 0, ordering('a', 'update-1.en'));
    clock += 5 * 60_000;
    after.send('much later', 0, ordering('a', 'update-1.en'));
    expect(await after.drained(5_000)).toBe(true);
    expect(received).toEqual(['much later']);
    await after.stop();
  });

  it('keeps a message that waits out a send delay waiting after the restart', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'queue-journal-'));
    let clock = 0;
    const before = aJournaledQueue(directory, { fifo: false, now: () => clock });
    before.send('later', 30);
    await before.stop();

    const after = aJournaledQueue(directory, { fifo: false, now: () => clock });
    const received: string[] = [];
    after.consume(async (event) => void received.push(...bodies(event)));
    // A nudge (another message) makes the queue look at what is visible at the virtual time.
    after.send('nudge-1');
    await until(() => received.includes('nudge-1'));
    expect(received).toEqual(['nudge-1']);
    clock += 30_000;
    after.send('nudge-2');
    expect(await after.drained(5_000)).toBe(true);
    expect(received.filter((body) => body === 'later')).toEqual(['later']);
    await after.stop();
  });

  it('moves a message it gave up on to the dead-letter file with its group, and out of the journal', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'queue-journal-'));
    const before = aJournaledQueue(directory);
    before.consume(async (event) => ({ batchItemFailures: event.Records.map((record) => ({ itemIdentifier: record.messageId })) }));
    before.send('poison', 0, ordering('a', 'poison'));
    expect(await before.drained(5_000)).toBe(true);
    await before.stop();

    const dead = readFileSync(join(directory, 'dead-letter.jsonl'), 'utf8').trim().split('\n').map((line) => deadLetterEntrySchema.parse(JSON.parse(line)));
    expect(dead).toEqual([expect.objectContaining({ source: 'queue', queue: 'x', body: 'poison', receiveCount: 3, ordering: ordering('a', 'poison') })]);
    expect(aJournaledQueue(directory).depth).toBe(0);
  });

  it('reads past a last line cut short by a crash mid-write', () => {
    const directory = mkdtempSync(join(tmpdir(), 'queue-journal-'));
    aJournaledQueue(directory).send('whole', 0, ordering('a', 'whole'));
    appendFileSync(join(directory, 'queues', 'x.jsonl'), '{"op":"sent","messageId":"cut","bo');
    const after = aJournaledQueue(directory);
    expect(after.depth).toBe(1);
  });

  it('brings a failed message back after the visibility timeout, the same each time, as a deployed queue does', async () => {
    let clock = 0;
    const directory = mkdtempSync(join(tmpdir(), 'queue-journal-'));
    const queue = aJournaledQueue(directory, { retryDelayMs: 90_000, maxReceiveCount: 5, now: () => clock });
    const flakyAt: number[] = [];
    queue.consume(async (event) => {
      nudged.push(...bodies(event).filter((body) => body.startsWith('nudge')));
      const flaky = event.Records.filter((record) => record.body === 'flaky');
      for (const _ of flaky) flakyAt.push(clock);
      return { batchItemFailures: flakyAt.length < 3 ? flaky.map((record) => ({ itemIdentifier: record.messageId })) : [] };
    });
    // Each nudge (a message of another group) makes the queue look at what is visible at the virtual time.
    const nudged: string[] = [];
    const at = async (time: number) => {
      clock = time;
      const nudge = `nudge-${time}`;
      queue.send(nudge, 0, ordering('nudge', nudge));
      await until(() => nudged.includes(nudge));
    };
    queue.send('flaky', 0, ordering('a', 'flaky'));
    await at(0);
    await at(89_999);
    await at(90_000);
    await at(179_999);
    await at(180_000);
    expect(await queue.drained(5_000)).toBe(true);
    expect(flakyAt).toEqual([0, 90_000, 180_000]);
    await queue.stop();
  });
});
