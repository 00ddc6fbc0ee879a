import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { OutgoingMail } from '../../core/email/outgoing-mail.js';
import type { MailSender } from '../../core/ports/mail-sender.js';
import { classifySesError } from './classify-ses-error.js';

/**
 * Customer mail through Amazon SES v2, one recipient per call (each mail carries its reader's own
 * links). Simple content lets SES build the MIME: a UTF-8 subject, a text and an HTML part, and our
 * RFC 8058 headers. The configuration set reports bounces and complaints; the tags find the
 * subscriber again in those reports.
 *
 * @example
 * const sender = new SesMailSender(new SESv2Client({}), process.env.SES_CONFIGURATION_SET!);
 * await sender.send(mail);
 */
export class SesMailSender implements MailSender {
  constructor(
    private readonly ses: SESv2Client,
    private readonly configurationSetName: string,
  ) {}

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    try {
      const { MessageId } = await this.ses.send(
        new SendEmailCommand({
          FromEmailAddress: mail.from,
          Destination: { ToAddresses: [mail.to] },
          ...(mail.replyTo ? { ReplyToAddresses: [mail.replyTo] } : {}),
          ConfigurationSetName: this.configurationSetName,
          Content: {
            Simple: {
              Subject: { Data: mail.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
              Headers: Object.entries(mail.headers).map(([Name, Value]) => ({ Name, Value })),
            },
          },
          EmailTags: Object.entries(mail.tags).map(([Name, Value]) => ({ Name, Value: sesTagValue(Value) })),
        }),
      );
      if (!MessageId) throw new Error('SES accepted a mail without returning a MessageId');
      return { messageId: MessageId };
    } catch (error) {
      throw classifySesError(error);
    }
  }
}

/** SES tag values are ASCII letters, digits, `_`, `-`, `.`, `@` and at most 256 characters. */
function sesTagValue(value: string): string {
  return value.replace(/[^A-Za-z0-9_.@-]/g, '_').slice(0, 256);
}
