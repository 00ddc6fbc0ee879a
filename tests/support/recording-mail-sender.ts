import type { OutgoingMail } from '../../lambdas/core/email/outgoing-mail.js';
import type { MailSender } from '../../lambdas/core/ports/mail-sender.js';

/**
 * A mail sender that keeps every mail it was given (in send order) and answers what a test tells it
 * to: `failWith` decides, per mail, to throw instead of sending (a throttle, a refusal, a crash).
 */
export class RecordingMailSender implements MailSender {
  readonly sent: OutgoingMail[] = [];
  failWith: (mail: OutgoingMail, attempt: number) => Error | undefined = () => undefined;
  private attempts = 0;

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const failure = this.failWith(mail, ++this.attempts);
    if (failure) throw failure;
    this.sent.push(mail);
    return { messageId: `ses-${this.sent.length}` };
  }

  /** How many mails each recipient got of each update: `address → incidentId#seq → count`. */
  countsByRecipient(): Map<string, Map<string, number>> {
    const counts = new Map<string, Map<string, number>>();
    for (const mail of this.sent) {
      const perUpdate = counts.get(mail.to) ?? new Map<string, number>();
      const update = mail.tags['incidentId'] ? `${mail.tags['incidentId']}#${mail.tags['seq']}` : `subscription:${mail.tags['mail']}`;
      perUpdate.set(update, (perUpdate.get(update) ?? 0) + 1);
      counts.set(mail.to, perUpdate);
    }
    return counts;
  }
}
