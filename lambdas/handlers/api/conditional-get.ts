import { createHash } from 'node:crypto';
import type { ApiEvent, ApiResult } from './http.js';

/** What a 304 repeats of the 200 it stands for (RFC 9110 §15.4.5), so caches keep their rules. */
const headersOfNotModified = ['etag', 'cache-control', 'vary', 'expires', 'content-location'];

/**
 * A successful read with a strong ETag (the route's own, e.g. an incident's version, else a digest of
 * the body), answered `304 Not Modified` without a body when `If-None-Match` names it. A reader
 * polling the status page every few seconds then downloads it only when it changed. An
 * `If-None-Match` that names nothing usable is simply no match: the full answer, never an error.
 *
 * @example
 * answerConditionally(event, json(200, status)); // { statusCode: 304, … } when the client has it
 */
export function answerConditionally(event: ApiEvent, result: ApiResult): ApiResult {
  if (result.statusCode !== 200) return result;
  const tag = result.headers['etag'] ?? digestTag(result.body);
  const headers = { ...result.headers, etag: tag };
  const ifNoneMatch = event.headers['if-none-match'];
  if (ifNoneMatch === undefined || !namesTag(ifNoneMatch, tag)) return { ...result, headers };
  return {
    statusCode: 304,
    headers: Object.fromEntries(Object.entries(headers).filter(([name]) => headersOfNotModified.includes(name))),
    body: '',
  };
}

function digestTag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** `If-None-Match` compares weakly (RFC 9110 §13.1.2): `W/"x"` names `"x"`; `*` names any current answer. */
function namesTag(ifNoneMatch: string, tag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  const wanted = opaque(tag);
  return [...ifNoneMatch.matchAll(/(?:W\/)?("[^"]*")/g)].some(([, candidate]) => candidate === wanted);
}

function opaque(tag: string): string {
  return tag.replace(/^W\//, '');
}
