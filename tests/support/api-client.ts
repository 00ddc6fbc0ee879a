/** A small HTTP client for the local runtime, so e2e tests read like a commander's session. */
export function apiClient(baseUrl: string, commanderToken: string) {
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${commanderToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = text && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : undefined;
    return { status: response.status, headers: response.headers, json, text };
  }
  return {
    call,
    declare: (body: unknown, headers?: Record<string, string>) => call('POST', '/v1/incidents', body, headers),
    update: (id: string, body: unknown, headers?: Record<string, string>) => call('POST', `/v1/incidents/${id}/updates`, body, headers),
    publishPostmortem: (id: string, body: unknown, headers?: Record<string, string>) => call('PUT', `/v1/incidents/${id}/postmortem`, body, headers),
    get: (path: string) => call('GET', path),
  };
}
