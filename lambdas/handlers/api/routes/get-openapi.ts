import type { ApiOperations } from '../../../core/api/api-contract.js';
import { buildOpenApiDocument } from '../../../core/api/openapi-document.js';
import { json } from '../http.js';
import type { RouteInput } from '../route.js';

const documents = new WeakMap<object, object>();

/** `GET /v1/openapi.json`: built on first request, not at cold start, then kept. */
export async function getOpenApiRoute({ deps }: RouteInput<ApiOperations['getOpenApi']>) {
  let document = documents.get(deps.config);
  if (!document) documents.set(deps.config, (document = buildOpenApiDocument(deps.config, deps.schemas)));
  return json(200, document, { 'cache-control': 'public, max-age=300' });
}
