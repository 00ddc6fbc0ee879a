import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ulid } from 'ulid';
import type { Clock } from '../../core/ports/clock.js';
import { systemClock } from '../clock.js';
import type { XPoster, XPostRequest } from '../../core/ports/x-poster.js';

export interface OutboxXPosterProps {
  /** `$OUTBOX_DIR`; the posts go to `x.jsonl` inside it. */
  outboxDir: string;
  clock?: Clock;
}

/**
 * The local X: appends each post as one JSON line to `$OUTBOX_DIR/x.jsonl` (docs/api.md, "Local outbox"),
 * so nothing leaves the machine and a test or a person can read what would have been posted.
 *
 * @example
 * const poster = new OutboxXPoster({ outboxDir: '.incident-comms/outbox' });
 * await poster.post({ text: 'We are investigating…', locale: 'en', incidentId, updateId }); // { id: 'local-x-01J…' }
 */
export class OutboxXPoster implements XPoster {
  private readonly file: string;
  private readonly clock: Clock;

  constructor(private readonly props: OutboxXPosterProps) {
    this.file = path.join(props.outboxDir, 'x.jsonl');
    this.clock = props.clock ?? systemClock;
  }

  async post(request: XPostRequest): Promise<{ id: string }> {
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
    await appendFile(this.file, `${JSON.stringify(line)}\n`, 'utf8');
    return { id };
  }
}
