import type { ApiDependencies } from './api-dependencies.js';
import type { ApiEvent, ApiResult } from './http.js';

export interface RouteContext {
  event: ApiEvent;
  deps: ApiDependencies;
  params: Record<string, string>;
  query: URLSearchParams;
}

export interface Route {
  method: 'GET' | 'POST';
  /** Path template such as `/v1/incidents/{id}/updates`. */
  path: string;
  /** Commander routes need a commander token (deployed: the JWT authorizer). */
  access: 'commander' | 'public';
  handle(context: RouteContext): Promise<ApiResult>;
}
