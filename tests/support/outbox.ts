import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';

export interface ParsedMail {
  file: string;
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  /** Lower-cased header names, as parsed (List-Unsubscribe comes back as `list-unsubscribe`). */
  headers: Map<string, unknown>;
  /** The top-level content type: `multipart/alternative` for every mail we send. */
  contentType: string;
  /** The raw header lines, to see exactly what a mail client receives. */
  rawHeaders: string;
}

/**
 * The `.eml` files in a local outbox, parsed by a real MIME parser (mailparser), oldest first: what
 * a mail client would show.
 *
 * @example
 * const mails = await mailsIn(outboxDir);
 */
export async function mailsIn(outboxDir: string): Promise<ParsedMail[]> {
  const directory = join(outboxDir, 'email');
  if (!existsSync(directory)) return [];
  const files = readdirSync(directory).sort();
  return Promise.all(
    files.map(async (file) => {
      const raw = readFileSync(join(directory, file));
      const parsed = await simpleParser(raw);
      const address = (value: typeof parsed.to | typeof parsed.from) => (Array.isArray(value) ? value[0]?.text : value?.text) ?? '';
      const head = raw.toString('utf8').split('\r\n\r\n')[0] ?? '';
      return {
        file,
        to: address(parsed.to),
        from: address(parsed.from),
        subject: parsed.subject ?? '',
        text: parsed.text ?? '',
        html: typeof parsed.html === 'string' ? parsed.html : '',
        headers: parsed.headers,
        contentType: /^Content-Type:\s*([^;\r\n]+)/im.exec(head)?.[1]?.trim().toLowerCase() ?? '',
        rawHeaders: head,
      };
    }),
  );
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
