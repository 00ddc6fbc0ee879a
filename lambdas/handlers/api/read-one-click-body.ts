import type { ApiEvent } from './http.js';
import { HttpProblem } from './problem.js';
import { maxBodyBytes } from './read-json-body.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const refusal = 'send an empty body, or List-Unsubscribe=One-Click as application/x-www-form-urlencoded or multipart/form-data (RFC 8058)';

/**
 * Checks the body of a one-click unsubscribe (RFC 8058). Mail providers POST
 * `List-Unsubscribe=One-Click` as `application/x-www-form-urlencoded` or as `multipart/form-data`
 * (either is allowed by the RFC), and some clients post nothing; each is accepted. Anything else
 * is a `400` (or `413` when over 64 KiB), before the token is even looked at.
 *
 * @example
 * readOneClickBody(event); // throws HttpProblem 400 for a JSON body
 */
export function readOneClickBody(event: ApiEvent): void {
  const bytes = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
  if (bytes.byteLength > maxBodyBytes) {
    throw new HttpProblem(413, 'body-too-large', `the body is ${bytes.byteLength} bytes; the limit is ${maxBodyBytes} bytes (64 KiB)`);
  }
  if (bytes.byteLength === 0) return;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw invalid('the body is not UTF-8');
  }
  const contentType = event.headers['content-type'] ?? '';
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'application/x-www-form-urlencoded') {
    const fields = [...new URLSearchParams(text.trim())];
    if (fields.length === 1 && fields[0]![0] === 'List-Unsubscribe' && fields[0]![1] === 'One-Click') return;
    throw invalid('the form must hold exactly List-Unsubscribe=One-Click');
  }
  if (mediaType === 'multipart/form-data') {
    if (isOneClickMultipart(text, contentType)) return;
    throw invalid('the form must hold exactly one field, List-Unsubscribe, with the value One-Click');
  }
  throw invalid(`a body of type ${mediaType ? `"${mediaType}"` : 'unknown'} is not a one-click unsubscribe`);
}

function invalid(why: string): HttpProblem {
  return new HttpProblem(400, 'invalid-request', `${why}; ${refusal}`, [{ path: '', message: refusal }]);
}

/** A multipart body whose one part is the field `List-Unsubscribe` with the value `One-Click`. */
function isOneClickMultipart(text: string, contentType: string): boolean {
  const boundary = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  const delimiter = `--${boundary?.[1] ?? boundary?.[2] ?? ''}`;
  if (delimiter === '--') return false;
  const afterClose = text.indexOf(`${delimiter}--`);
  if (afterClose < 0) return false;
  const parts = text
    .slice(0, afterClose)
    .split(delimiter)
    .slice(1)
    .map((part) => part.replace(/^\r?\n/, '').replace(/\r?\n$/, ''));
  if (parts.length !== 1) return false;
  const [head = '', ...body] = parts[0]!.split(/\r?\n\r?\n/);
  const named = /^content-disposition:\s*form-data;\s*name="?List-Unsubscribe"?\s*$/im.test(head);
  return named && body.join('\n\n').trim() === 'One-Click';
}
