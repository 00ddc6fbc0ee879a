import { existsSync } from 'node:fs';
import { appendFile, readFile, rename } from 'node:fs/promises';
import type { DynamoDBRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import { deadLetterEntrySchema } from './dead-letter-entry.js';
import type { DeadLetterEntry } from './dead-letter-entry.js';
import type { LocalQueue } from './local-queue.js';

/** What `npm run redrive -- --dead-letters` reports. */
export const deadLetterReplaySchema = z.object({
  replayed: z.array(z.object({ source: z.enum(['queue', 'stream']), from: z.string(), deadAt: z.string() })),
  /** Entries that could not be handed back (an unknown queue, a fan-out that failed again); they stay in the file. */
  kept: z.number(),
});
export type DeadLetterReplay = z.infer<typeof deadLetterReplaySchema>;

export interface DeadLetterReplayOptions {
  file: string;
  queues: Readonly<Record<string, LocalQueue>>;
  /** Hands a stream record to the fan-out again; false when it failed again. */
  fanOut: (record: DynamoDBRecord) => Promise<boolean>;
  now: () => number;
}

/**
 * The local runtime's DLQ redrive (deployed: SQS's dead-letter queue redrive, and the fan-out's
 * failure queue): every message of the dead-letter file goes back to the queue it came from, and
 * every stream record back to the fan-out. The handlers' ledgers make a message that did get
 * through before harmless. A FIFO message goes back to its group under a new deduplication id,
 * or the queue would drop it as the copy it saw before.
 *
 * The file is moved aside first, so a message dead-lettered meanwhile lands in a new file rather
 * than being lost to the rewrite; the moved file is kept as `<file>.replayed-<time>`.
 *
 * @example
 * const { replayed, kept } = await replayDeadLetters({ file, queues, fanOut, now: Date.now });
 */
export async function replayDeadLetters(options: DeadLetterReplayOptions): Promise<DeadLetterReplay> {
  if (!existsSync(options.file)) return { replayed: [], kept: 0 };
  const time = options.now();
  const taken = `${options.file}.replayed-${new Date(time).toISOString().replace(/[:.]/g, '-')}`;
  await rename(options.file, taken);
  const replayed: DeadLetterReplay['replayed'] = [];
  const kept: string[] = [];
  for (const line of (await readFile(taken, 'utf8')).split('\n')) {
    if (line.trim() === '') continue;
    const entry = parseEntry(line);
    if (entry && (await replayOne(entry, options, time))) replayed.push({ source: entry.source, from: entry.source === 'queue' ? entry.queue : entry.shardId, deadAt: entry.deadAt });
    else kept.push(line);
  }
  if (kept.length > 0) await appendFile(options.file, kept.map((line) => `${line}\n`).join(''));
  return { replayed, kept: kept.length };
}

async function replayOne(entry: DeadLetterEntry, options: DeadLetterReplayOptions, time: number): Promise<boolean> {
  if (entry.source === 'stream') return options.fanOut(entry.record as unknown as DynamoDBRecord);
  const queue = options.queues[entry.queue];
  if (!queue) return false;
  const ordering = entry.ordering ? { groupId: entry.ordering.groupId, deduplicationId: `${entry.ordering.deduplicationId}.replay-${time}` } : undefined;
  queue.send(entry.body, 0, ordering);
  return true;
}

function parseEntry(line: string): DeadLetterEntry | undefined {
  try {
    const parsed = deadLetterEntrySchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
