import { createHash, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  fromName: string;
}

/**
 * Local email: each mail SNS would send becomes an RFC 5322 `.eml` file in `$OUTBOX_DIR/email/`, so a
 * person can open it in a mail client and a test can count it.
 */
export class EmailOutbox {
  readonly directory: string;

  constructor(outboxDir: string) {
    this.directory = join(outboxDir, 'email');
  }

  async write(mail: OutgoingMail): Promise<string> {
    await mkdir(this.directory, { recursive: true });
    const messageId = `${randomUUID()}@incident-comms.local`;
    const now = new Date();
    const recipientTag = createHash('sha256').update(mail.to).digest('hex').slice(0, 8);
    const file = join(this.directory, `${now.toISOString().replace(/[:.]/g, '-')}-${recipientTag}-${messageId.slice(0, 8)}.eml`);
    const headers = [
      `From: ${quoteDisplayName(mail.fromName)} <status@incident-comms.local>`,
      `To: <${mail.to}>`,
      `Subject: ${mail.subject}`,
      `Date: ${now.toUTCString().replace('GMT', '+0000')}`,
      `Message-ID: <${messageId}>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
    ];
    // Base64 keeps any language's text intact and every line within RFC 5322's 998-octet limit.
    const body = Buffer.from(mail.text.replace(/\r?\n/g, '\r\n'), 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
    await writeFile(file, `${headers.join('\r\n')}\r\n\r\n${body}\r\n`);
    return file;
  }
}

function quoteDisplayName(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '');
  return `"${ascii || 'Status'}"`;
}
