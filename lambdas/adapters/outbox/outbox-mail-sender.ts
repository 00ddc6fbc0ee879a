import { randomUUID } from 'node:crypto';
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { OutgoingMail } from '../../core/email/outgoing-mail.js';
import type { Clock } from '../../core/ports/clock.js';
import type { MailSender } from '../../core/ports/mail-sender.js';
import { systemClock } from '../clock.js';
import { simulatedSesEvent } from './mailbox-simulator.js';

export interface OutboxMailSenderProps {
  /** `$OUTBOX_DIR`; mails go to `email/` inside it. */
  outboxDir: string;
  /** Where SES's events for the simulator addresses go (the SES events handler, locally). */
  onSesEvent?: (event: object) => Promise<void>;
  clock?: Clock;
}

/**
 * The local SES: each mail becomes one RFC 5322 `.eml` file in `$OUTBOX_DIR/email/`, the MIME SES
 * would build from the same simple content (multipart/alternative, UTF-8 subject, our headers), so a
 * person can open it in a mail client and a test can parse it. Mail to SES's simulator addresses
 * raises the events SES would (a bounce, a complaint).
 *
 * @example
 * const sender = new OutboxMailSender({ outboxDir: '.incident-comms/outbox', onSesEvent: (event) => sesEvents(event) });
 */
export class OutboxMailSender implements MailSender {
  readonly directory: string;
  private readonly clock: Clock;

  constructor(private readonly props: OutboxMailSenderProps) {
    this.directory = join(props.outboxDir, 'email');
    this.clock = props.clock ?? systemClock;
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const messageId = `local-${randomUUID()}`;
    const now = this.clock();
    const message = await new MailComposer({
      from: mail.from,
      to: mail.to,
      ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: { ...mail.headers, ...Object.fromEntries(Object.entries(mail.tags).map(([name, value]) => [`X-SES-Tag-${name}`, value])) },
      messageId: `<${messageId}@incident-comms.local>`,
      date: now,
    })
      .compile()
      .build();
    await mkdir(this.directory, { recursive: true });
    const recipientTag = createHash('sha256').update(mail.to).digest('hex').slice(0, 8);
    await writeFile(join(this.directory, `${now.toISOString().replace(/[:.]/g, '-')}-${recipientTag}-${messageId.slice(6, 14)}.eml`), message);
    const event = simulatedSesEvent(mail.to, messageId, mail.tags);
    if (event) await this.props.onSesEvent?.(event);
    return { messageId };
  }
}
