import * as z from 'zod/mini';
import { describeIssues } from '../../core/validation/describe-issues.js';
import type { ApiEvent } from './http.js';
import { HttpProblem } from './problem.js';

/** docs/api.md's bound on request bodies. */
export const maxBodyBytes = 64 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads and validates a JSON body in docs/api.md's order: too large (413), not JSON (415), then the
 * schema (400, naming each rejected field). Nothing is written before this has passed.
 */
export function readJsonBody<Schema extends z.core.$ZodType>(event: ApiEvent, schema: Schema): z.output<Schema> {
  const bytes = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
  if (bytes.byteLength > maxBodyBytes) {
    throw new HttpProblem(413, 'body-too-large', `the body is ${bytes.byteLength} bytes; the limit is ${maxBodyBytes} bytes (64 KiB)`);
  }
  const contentType = (event.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(contentType)) {
    throw new HttpProblem(415, 'not-json', `send the body as application/json (got ${contentType ? `"${contentType}"` : 'no Content-Type'})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(bytes));
  } catch {
    throw new HttpProblem(415, 'not-json', 'the body is not valid JSON in UTF-8');
  }
  const result = z.safeParse(schema, parsed);
  if (!result.success) {
    const errors = describeIssues(result.error.issues);
    const fields = [...new Set(errors.map((error) => error.path || '(body)'))].join(', ');
    throw new HttpProblem(400, 'invalid-request', `the request has invalid fields: ${fields}`, errors);
  }
  return result.data;
}
