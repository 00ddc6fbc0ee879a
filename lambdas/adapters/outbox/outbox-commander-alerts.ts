import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../../core/ports/clock.js';
import type { CommanderAlerts, CommanderReminder } from '../../core/ports/commander-alerts.js';
import { systemClock } from '../clock.js';

/**
 * The local commanders' topic: each reminder is one JSON line in `$OUTBOX_DIR/commanders.jsonl`
 * (docs/api.md, "Local outbox"), where `npm start`'s user or a test reads it.
 *
 * @example
 * await new OutboxCommanderAlerts({ outboxDir: '.incident-comms/outbox' }).remind(reminder);
 */
export class OutboxCommanderAlerts implements CommanderAlerts {
  private readonly file: string;
  private readonly clock: Clock;

  constructor(private readonly props: { outboxDir: string; clock?: Clock }) {
    this.file = path.join(props.outboxDir, 'commanders.jsonl');
    this.clock = props.clock ?? systemClock;
  }

  async remind(reminder: CommanderReminder): Promise<void> {
    await mkdir(this.props.outboxDir, { recursive: true });
    // One write per line with O_APPEND keeps lines whole when reminders come at once.
    await appendFile(this.file, `${JSON.stringify({ type: 'promise-missed', ...reminder, createdAt: this.clock().toISOString() })}\n`, 'utf8');
  }
}
