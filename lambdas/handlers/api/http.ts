import * as z from 'zod';

/** The parts of an API Gateway HTTP API (payload v2) event the API reads; the local runtime builds the same. */
export const apiEventSchema = z.object({
  rawPath: z.string(),
  rawQueryString: z.string().default(''),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().default(false),
  requestContext: z.object({
    // sourceIp: the client as API Gateway saw it (the local server sets the socket's address); what the subscribe route rate-limits by.
    http: z.object({ method: z.string(), path: z.string().optional(), sourceIp: z.string().optional() }),
    authorizer: z
      .object({ jwt: z.object({ claims: z.record(z.string(), z.unknown()) }).optional() })
      .passthrough()
      .optional(),
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

/** An incident answer's ETag is its version, as docs/api.md's If-Match expects it back. */
export function etag(version: number): string {
  return `"${version}"`;
}
