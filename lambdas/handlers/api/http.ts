import * as z from 'zod/mini';
import '../../core/validation/english-issues.js';

/** The parts of an API Gateway HTTP API (payload v2) event the API reads; the local runtime builds the same. */
export const apiEventSchema = z.object({
  rawPath: z.string(),
  rawQueryString: z._default(z.string(), ''),
  headers: z._default(z.record(z.string(), z.string()), {}),
  body: z.optional(z.string()),
  isBase64Encoded: z._default(z.boolean(), false),
  requestContext: z.object({
    // sourceIp: the client as API Gateway saw it (the local server sets the socket's address); what the subscribe route rate-limits by.
    http: z.object({ method: z.string(), path: z.optional(z.string()), sourceIp: z.optional(z.string()) }),
    // API Gateway writes every claim as a string (an array claim as "[a b]") and the scopes it read from "scope" or "scp" apart.
    authorizer: z.optional(
      z.looseObject({ jwt: z.optional(z.object({ claims: z.record(z.string(), z.unknown()), scopes: z.optional(z.nullable(z.array(z.string()))) })) }),
    ),
  }),
});

export type ApiEvent = z.infer<typeof apiEventSchema>;

export interface ApiResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): ApiResult {
  return { statusCode, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) };
}

const overdueTagSuffix = '+overdue';

/**
 * An incident answer's ETag is its version, as docs/api.md's If-Match expects it back. A missed
 * promise marks the incident overdue without a new version (no update was written), and a cached
 * answer must not hide that: the overdue answer's tag says so, and If-Match reads its version.
 */
export function etag(version: number, overdue = false): string {
  return overdue ? `"${version}${overdueTagSuffix}"` : `"${version}"`;
}
