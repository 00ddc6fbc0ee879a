import { countCodePoints } from '../../core/validation/code-point-string.js';
import type { ApiEvent } from './http.js';
import { HttpProblem } from './problem.js';

/** `Idempotency-Key`, 1–255 characters (docs/api.md); absent means the request is not idempotent. */
export function readIdempotencyKey(event: ApiEvent): string | undefined {
  const key = event.headers['idempotency-key'];
  if (key === undefined) return undefined;
  const length = countCodePoints(key);
  if (length < 1 || length > 255 || /[\u0000-\u001f\u007f]/.test(key)) {
    throw new HttpProblem(400, 'invalid-idempotency-key', 'Idempotency-Key must be 1–255 printable characters', [
      { path: 'headers.idempotency-key', message: 'must be 1–255 printable characters' },
    ]);
  }
  return key;
}

/** `If-Match: "<version>"` as the incident's ETag gives it; weak or bare forms are accepted too. */
export function readIfMatch(event: ApiEvent): number | undefined {
  const header = event.headers['if-match'];
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,15})(?:\+overdue)?"?\s*$/.exec(header);
  if (!match) {
    throw new HttpProblem(400, 'invalid-if-match', 'If-Match must be an incident ETag such as "3"', [
      { path: 'headers.if-match', message: 'must be an ETag such as "3"' },
    ]);
  }
  return Number(match[1]);
}
