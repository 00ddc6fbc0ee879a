import { assertCommander } from './commander-auth.js';
import { answerConditionally } from './conditional-get.js';
import { apiEventSchema } from './http.js';
import type { ApiEvent, ApiResult } from './http.js';
import { HttpProblem, problemResult } from './problem.js';
import { problemFor } from './problem-table.js';
import { readJsonBody } from './read-json-body.js';
import { readQuery } from './read-query.js';
import { readIdempotencyKey, readIfMatch } from './request-headers.js';
import { matchOperation } from './match-operation.js';
import type { RequestHeaders, RouteBinding, RouterDependencies } from './route.js';

/**
 * The HTTP API as one function from an API Gateway v2 event to an answer: each API Lambda entry and
 * the local runtime call it with the routes that function serves (`servedBy` in the contract). It
 * finds the operation, answers 404 for one of a channel the configuration switched off, checks access, then validates the body, the query and the headers the
 * operation declares (docs/api.md's order: 401, then 413/415/400), and only then runs the handler.
 * Errors become problem+json through one table; only a fault of ours is 500.
 *
 * @example
 * const handle = createApiHandler(deps, writeRoutes);
 * const result = await handle(event);
 */
export function createApiHandler<Deps extends RouterDependencies>(deps: Deps, routes: readonly RouteBinding<Deps>[]) {
  const bindings = new Map(routes.map((binding) => [binding.operation.id, binding]));
  for (const { operation } of routes) assertServable(operation, deps);

  return async (rawEvent: unknown): Promise<ApiResult> => {
    let event: ApiEvent | undefined;
    let params: Record<string, string> = {};
    try {
      event = apiEventSchema.parse(rawEvent);
      const matched = matchOperation(event.requestContext.http.method, event.rawPath);
      params = matched.params;
      const binding = bindings.get(matched.operation.id);
      // The gateway routes by the contract: an operation reaching a function that does not serve it is a deployment fault.
      if (!binding) throw new Error(`${matched.operation.id} is served by the ${matched.operation.servedBy} function, not this one`);
      const { operation } = binding;
      if (operation.requiresChannel && !deps.config.channels[operation.requiresChannel].enabled) {
        const what = operation.requiresChannel === 'email' ? 'email subscriptions are' : 'webhook subscriptions are';
        throw new HttpProblem(404, 'channel-disabled', `${what} switched off in this deployment (channels.${operation.requiresChannel}.enabled is false)`);
      }
      // assertServable checked at init that this function has the auth and schemas its operations name.
      if (operation.access === 'commander') assertCommander(event, deps.auth!);
      const rawQuery = new URLSearchParams(event.rawQueryString);
      const body = operation.body ? readJsonBody(event, deps.schemas.bodies![operation.body]!) : undefined;
      const query = operation.query ? readQuery(rawQuery, deps.schemas.queries[operation.query]!) : undefined;
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

/** Refuses, at init, a function given an operation whose schemas or commander check it lacks. */
function assertServable(operation: RouteBinding['operation'], deps: RouterDependencies): void {
  const missing = [
    operation.body && !deps.schemas.bodies?.[operation.body] ? `body schema "${operation.body}"` : undefined,
    operation.query && !deps.schemas.queries[operation.query] ? `query schema "${operation.query}"` : undefined,
    operation.access === 'commander' && !deps.auth ? 'commander check' : undefined,
  ].filter((entry) => entry !== undefined);
  if (missing.length > 0) throw new Error(`cannot serve ${operation.id}: its dependencies lack the ${missing.join(' and the ')}`);
}
