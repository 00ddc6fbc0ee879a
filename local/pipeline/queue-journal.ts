import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as z from 'zod/mini';

/** What a queue must remember of a message to hand it out again after a restart. */
export interface JournaledMessage {
  messageId: string;
  body: string;
  /** Epoch ms the message was sent. */
  firstSentAt: number;
  /** Epoch ms it first becomes visible (a send with a delay). */
  visibleAt: number;
  fifo?: { groupId: string; deduplicationId: string };
}

const entrySchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('sent'),
    messageId: z.string(),
    body: z.string(),
    firstSentAt: z.number(),
    visibleAt: z.number(),
    fifo: z.optional(z.object({ groupId: z.string(), deduplicationId: z.string() })),
  }),
  z.object({ op: z.literal('done'), messageId: z.string() }),
  z.object({ op: z.literal('deduplicated'), deduplicationId: z.string(), at: z.number() }),
]);
type Entry = z.infer<typeof entrySchema>;

/** Once a queue is empty, a journal this long is rewritten to what it still must remember. */
const compactAfterEntries = 1_000;

/**
 * A local queue's messages on disk, so `npm start --data-dir` loses none in a crash (SQS keeps a
 * message from the moment SendMessage answers). An append-only file of JSON lines: a message is
 * written before `send` returns (synchronously: a `kill -9` right after the fan-out recorded its
 * publish must still find the message) and marked done once consumed or dead-lettered. Receive
 * counts and visibility changes are not kept: after a restart the consumers that held messages
 * are gone, so every message is received again at once, which the handlers' ledgers make harmless.
 *
 * @example
 * const journal = new QueueJournal('.data/queues/x.jsonl');
 * const { messages, deduplicatedAt } = journal.load();
 * journal.sent(message); … journal.done(message.messageId);
 */
export class QueueJournal {
  private entries = 0;

  constructor(private readonly file: string) {}

  /** The messages not yet done, in the order they were sent, and the FIFO deduplication ids still remembered. */
  load(deduplicationWindowMs: number, now: number): { messages: JournaledMessage[]; deduplicatedAt: Map<string, number> } {
    const live = new Map<string, JournaledMessage>();
    const deduplicatedAt = new Map<string, number>();
    if (existsSync(this.file)) {
      for (const entry of this.read()) {
        if (entry.op === 'sent') {
          const { op: _op, ...message } = entry;
          live.set(entry.messageId, message);
          if (entry.fifo) deduplicatedAt.set(entry.fifo.deduplicationId, entry.firstSentAt);
        } else if (entry.op === 'done') live.delete(entry.messageId);
        else deduplicatedAt.set(entry.deduplicationId, entry.at);
      }
    }
    for (const [id, at] of deduplicatedAt) if (at + deduplicationWindowMs <= now) deduplicatedAt.delete(id);
    const messages = [...live.values()];
    this.rewrite(messages, deduplicatedAt);
    return { messages, deduplicatedAt };
  }

  sent(message: JournaledMessage): void {
    this.append({ op: 'sent', ...message });
  }

  done(messageId: string): void {
    this.append({ op: 'done', messageId });
  }

  /** Keeps the file short: called when the queue is empty, it rewrites it once it has grown long. */
  compactIfLong(deduplicatedAt: ReadonlyMap<string, number>): void {
    if (this.entries >= compactAfterEntries) this.rewrite([], deduplicatedAt);
  }

  private read(): Entry[] {
    const entries: Entry[] = [];
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      // A crash mid-append leaves at most the last line cut short: what it wrote never returned to a sender.
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        continue;
      }
      const entry = entrySchema.safeParse(parsed);
      if (entry.success) entries.push(entry.data);
    }
    return entries;
  }

  private rewrite(messages: readonly JournaledMessage[], deduplicatedAt: ReadonlyMap<string, number>): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const entries: Entry[] = [
      ...[...deduplicatedAt].map(([deduplicationId, at]): Entry => ({ op: 'deduplicated', deduplicationId, at })),
      ...messages.map((message): Entry => ({ op: 'sent', ...message })),
    ];
    // Written beside and renamed over: a crash mid-rewrite leaves the old journal whole.
    const next = `${this.file}.next`;
    writeFileSync(next, entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    renameSync(next, this.file);
    this.entries = entries.length;
  }

  private append(entry: Entry): void {
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
    this.entries++;
  }
}
