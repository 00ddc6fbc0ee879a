/** An API Gateway HTTP API (payload v2) event, as the Lambda receives it. */
export function anApiEvent(options: {
  method?: string;
  path: string;
  query?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  commanderToken?: string;
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
    requestContext: { http: { method: options.method ?? 'GET', path: options.path } },
    body,
    isBase64Encoded: false,
  };
}
