import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ParsedMail {
  to: string;
  subject: string;
  text: string;
}

/** The `.eml` files in a local outbox, decoded. */
export function mailsIn(outboxDir: string): ParsedMail[] {
  const directory = join(outboxDir, 'email');
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .sort()
    .map((file) => {
      const raw = readFileSync(join(directory, file), 'utf8');
      const [head = '', body = ''] = raw.split('\r\n\r\n');
      const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(head)?.[1] ?? '';
      return { to: header('To').replace(/[<>]/g, ''), subject: header('Subject'), text: Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8') };
    });
}

/** The X posts the local runtime wrote instead of posting. */
export function xPostsIn(outboxDir: string): { id: string; text: string; inReplyTo: string | null; locale: string; incidentId: string; updateId: string }[] {
  const file = join(outboxDir, 'x.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}
