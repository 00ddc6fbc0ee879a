import type { ApiDependencies } from './api-dependencies.js';
import { assertCommander } from './commander-auth.js';
import { answerConditionally } from './conditional-get.js';
import { apiEventSchema } from './http.js';
import type { ApiEvent, ApiResult } from './http.js';
import { HttpProblem, problemResult } from './problem.js';
import { problemFor } from './problem-table.js';
import { readJsonBody } from './read-json-body.js';
import { readQuery } from './read-query.js';
import { readIdempotencyKey, readIfMatch } from './request-headers.js';
import type { RequestHeaders, RouteBinding } from './route.js';

interface CompiledRoute {
  binding: RouteBinding;
  pattern: RegExp;
  parameterNames: string[];
}

/**
 * The HTTP API as one function from an API Gateway v2 event to an answer: the Lambda entry and the
 * local runtime both call it. It finds the operation, checks access, then validates the body, the
 * query and the headers the operation declares (docs/api.md's order: 401, then 413/415/400), and only
 * then runs the handler. Errors become problem+json through one table; only a fault of ours is 500.
 *
 * @example
 * const handle = createApiHandler(deps, apiRoutes);
 * const result = await handle(event);
 */
export function createApiHandler(deps: ApiDependencies, routes: readonly RouteBinding[]) {
  const compiled = routes.map(compile);

  return async (rawEvent: unknown): Promise<ApiResult> => {
    let event: ApiEvent | undefined;
    let params: Record<string, string> = {};
    try {
      event = apiEventSchema.parse(rawEvent);
      const method = event.requestContext.http.method.toUpperCase();
      const candidates = compiled
        .map((entry) => ({ entry, match: entry.pattern.exec(event!.rawPath) }))
        .filter((candidate) => candidate.match !== null);
      if (candidates.length === 0) throw new HttpProblem(404, 'route-not-found', `no route ${event.rawPath}`);
      const chosen = candidates.find((candidate) => candidate.entry.binding.operation.method === method);
      if (!chosen) {
        const allow = candidates.map((candidate) => candidate.entry.binding.operation.method).join(', ');
        throw new HttpProblem(405, 'method-not-allowed', `${method} is not allowed on ${event.rawPath}; use ${allow}`, undefined, { allow });
      }
      const { binding, parameterNames } = chosen.entry;
      const { operation } = binding;
      if (operation.access === 'commander') assertCommander(event, deps.auth);
      params = Object.fromEntries(parameterNames.map((name, index) => [name, decodePathSegment(chosen.match![index + 1]!)]));
      const rawQuery = new URLSearchParams(event.rawQueryString);
      const body = operation.body ? readJsonBody(event, deps.schemas.bodies[operation.body]) : undefined;
      const query = operation.query ? readQuery(rawQuery, deps.schemas.queries[operation.query]) : undefined;
      const headers: RequestHeaders = {
        ...(operation.headers?.includes('idempotency-key') ? { idempotencyKey: readIdempotencyKey(event) } : {}),
        ...(operation.headers?.includes('if-match') ? { ifMatch: readIfMatch(event) } : {}),
      };
      const result = await binding.handle({ event, deps, params, body, query, headers, rawQuery });
      return operation.headers?.includes('if-none-match') ? answerConditionally(event, result) : result;
    } catch (error) {
      const problem = problemFor(error);
      if (problem) return problemResult(problem);
      deps.logger.error('unhandled error in the API', {
        error: error instanceof Error ? error : String(error),
        path: event?.rawPath,
        method: event?.requestContext.http.method,
        ...(params['id'] ? { incidentId: params['id'] } : {}),
      });
      return problemResult(new HttpProblem(500, 'internal', 'something went wrong on our side; the request may be retried'));
    }
  };
}

function compile(binding: RouteBinding): CompiledRoute {
  const parameterNames: string[] = [];
  const source = binding.operation.path
    .split('/')
    .map((segment) => {
      const parameter = /^\{(\w+)\}$/.exec(segment);
      if (!parameter) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      parameterNames.push(parameter[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { binding, pattern: new RegExp(`^${source}/?$`), parameterNames };
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
