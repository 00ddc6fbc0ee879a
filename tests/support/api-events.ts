/** An API Gateway HTTP API (payload v2) event, as the Lambda receives it. */
export function anApiEvent(options: {
  method?: string;
  path: string;
  query?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  commanderToken?: string;
  /** The client's address as API Gateway reports it (what the subscribe route rate-limits by). */
  sourceIp?: string;
  /** The raw body is base64 (as API Gateway sends form and binary bodies). */
  isBase64Encoded?: boolean;
}) {
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: options.path,
    rawQueryString: options.query ?? '',
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.commanderToken ? { authorization: `Bearer ${options.commanderToken}` } : {}),
      ...options.headers,
    },
    requestContext: { http: { method: options.method ?? 'GET', path: options.path, ...(options.sourceIp ? { sourceIp: options.sourceIp } : {}) } },
    body,
    isBase64Encoded: options.isBase64Encoded ?? false,
  };
}
