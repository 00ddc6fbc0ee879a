import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ulid } from 'ulid';
import type { Clock } from '../../core/ports/clock.js';
import { XDuplicateContent } from '../../core/ports/x-post-errors.js';
import { systemClock } from '../clock.js';
import type { XPoster, XPostRequest } from '../../core/ports/x-poster.js';

export interface OutboxXPosterProps {
  /** `$OUTBOX_DIR`; the posts go to `x.jsonl` inside it. */
  outboxDir: string;
  clock?: Clock;
}

/**
 * The local X: appends each post as one JSON line to `$OUTBOX_DIR/x.jsonl` (docs/api.md, "Local outbox"),
 * so nothing leaves the machine and a test or a person can read what would have been posted. Like
 * X, it refuses a text the account already posted (403 duplicate content): the X handler relies on
 * that after a crash between a post and its ledger write, and a restarted runtime reads the texts
 * back from the file.
 *
 * @example
 * const poster = new OutboxXPoster({ outboxDir: '.incident-comms/outbox' });
 * await poster.post({ text: 'We are investigating…', locale: 'en', incidentId, updateId }); // { id: 'local-x-01J…' }
 */
export class OutboxXPoster implements XPoster {
  private readonly file: string;
  private readonly clock: Clock;
  private postedTexts: Promise<Set<string>> | undefined;

  constructor(private readonly props: OutboxXPosterProps) {
    this.file = path.join(props.outboxDir, 'x.jsonl');
    this.clock = props.clock ?? systemClock;
  }

  async post(request: XPostRequest): Promise<{ id: string }> {
    const posted = await (this.postedTexts ??= this.readPostedTexts());
    // Checked and taken in one step, with no await between: two copies posting at once cannot both pass.
    if (posted.has(request.text)) throw new XDuplicateContent();
    posted.add(request.text);
    const id = `local-x-${ulid()}`;
    const line = {
      id,
      text: request.text,
      inReplyTo: request.inReplyTo ?? null,
      locale: request.locale,
      incidentId: request.incidentId,
      updateId: request.updateId,
      createdAt: this.clock().toISOString(),
    };
    await mkdir(this.props.outboxDir, { recursive: true });
    // One write per line with O_APPEND keeps lines whole when several handlers post at once.
    try {
      await appendFile(this.file, `${JSON.stringify(line)}\n`, 'utf8');
    } catch (error) {
      posted.delete(request.text);
      throw error;
    }
    return { id };
  }

  private async readPostedTexts(): Promise<Set<string>> {
    let lines: string[];
    try {
      lines = (await readFile(this.file, 'utf8')).split('\n');
    } catch {
      return new Set();
    }
    const texts = new Set<string>();
    for (const line of lines) {
      try {
        const { text } = JSON.parse(line) as { text?: unknown };
        if (typeof text === 'string') texts.add(text);
      } catch {
        // A line cut short by a crash mid-write, or the empty last line.
      }
    }
    return texts;
  }
}
