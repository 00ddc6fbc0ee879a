// @ts-check
// The commander API as the console calls it: the bearer token on every request, problem+json turned
// into an error a person can read, and the headers that make writing safe (Idempotency-Key, If-Match).

/** @typedef {{ type?: string, title?: string, status: number, detail?: string, errors?: { path: string, message: string }[] }} Problem */

/** An answer of the API that is not a success, carrying its problem+json. */
export class ApiProblem extends Error {
  /** @param {Problem} problem */
  constructor(problem) {
    const fields = problem.errors?.map((error) => `${error.path}: ${error.message}`).join('; ');
    super([problem.detail || problem.title || `HTTP ${problem.status}`, fields].filter(Boolean).join(' — '));
    this.problem = problem;
    this.status = problem.status;
    /** The slug at the end of the problem's type, e.g. `version-mismatch`. */
    this.slug = (problem.type ?? '').split(':').pop() ?? '';
  }
}

/**
 * A client of the API at `baseUrl` (empty: this origin), authenticated by `accessToken`.
 * @param {string} baseUrl
 * @param {() => Promise<string>} accessToken
 * @example
 * const api = apiClient('', session.accessToken);
 * const { body, etag } = await api.send('POST', `/v1/incidents/${id}/updates`, update, { idempotencyKey, ifMatch: 3 });
 */
export function apiClient(baseUrl, accessToken) {
  /**
   * @param {string} method @param {string} path @param {unknown} [body]
   * @param {{ idempotencyKey?: string, ifMatch?: number }} [safety]
   * @returns {Promise<{ body: any, etag: string | null }>}
   */
  async function send(method, path, body, safety = {}) {
    /** @type {Record<string, string>} */
    const headers = { authorization: `Bearer ${await accessToken()}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (safety.idempotencyKey) headers['idempotency-key'] = safety.idempotencyKey;
    if (safety.ifMatch !== undefined) headers['if-match'] = `"${safety.ifMatch}"`;
    const response = await fetch(`${baseUrl}${path}`, {
      method, headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed = null;
    try { parsed = text ? JSON.parse(text) : null; } catch { parsed = null; }
    if (!response.ok) throw new ApiProblem({ status: response.status, ...(parsed && typeof parsed === 'object' ? parsed : { detail: text.slice(0, 200) }) });
    return { body: parsed, etag: response.headers.get('etag') };
  }
  return {
    send,
    /** @param {string} path */
    get: (path) => send('GET', path).then((answer) => answer.body),
  };
}

/** @typedef {ReturnType<typeof apiClient>} ApiClient */
