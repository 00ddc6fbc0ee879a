import type { ApiDependencies } from './api-dependencies.js';
import { assertCommander } from './commander-auth.js';
import { apiEventSchema } from './http.js';
import type { ApiResult } from './http.js';
import { HttpProblem, problemResult } from './problem.js';
import type { Route } from './route.js';

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  parameterNames: string[];
}

/**
 * The HTTP API as one function from an API Gateway v2 event to an answer: the Lambda entry and the
 * local runtime both call it. Bad input is always a problem+json answer; only a fault of ours is 500.
 */
export function createApiHandler(deps: ApiDependencies, routes: readonly Route[], log: (entry: object) => void = logToConsole) {
  const compiled = routes.map(compile);

  return async (rawEvent: unknown): Promise<ApiResult> => {
    try {
      const event = apiEventSchema.parse(rawEvent);
      const method = event.requestContext.http.method.toUpperCase();
      const candidates = compiled
        .map((entry) => ({ entry, match: entry.pattern.exec(event.rawPath) }))
        .filter((candidate) => candidate.match !== null);
      if (candidates.length === 0) throw new HttpProblem(404, 'route-not-found', `no route ${event.rawPath}`);
      const chosen = candidates.find((candidate) => candidate.entry.route.method === method);
      if (!chosen) {
        const allow = candidates.map((candidate) => candidate.entry.route.method).join(', ');
        throw new HttpProblem(405, 'method-not-allowed', `${method} is not allowed on ${event.rawPath}; use ${allow}`, undefined, { allow });
      }
      const { route, parameterNames } = chosen.entry;
      if (route.access === 'commander') assertCommander(event, deps.auth);
      const params = Object.fromEntries(parameterNames.map((name, index) => [name, decodePathSegment(chosen.match![index + 1]!)]));
      return await route.handle({ event, deps, params, query: new URLSearchParams(event.rawQueryString) });
    } catch (error) {
      if (error instanceof HttpProblem) return problemResult(error);
      log({ level: 'ERROR', message: 'unhandled error in API', error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) });
      return problemResult(new HttpProblem(500, 'internal', 'something went wrong on our side; the request may be retried'));
    }
  };
}

function compile(route: Route): CompiledRoute {
  const parameterNames: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const parameter = /^\{(\w+)\}$/.exec(segment);
      if (!parameter) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      parameterNames.push(parameter[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}/?$`), parameterNames };
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function logToConsole(entry: object): void {
  console.error(JSON.stringify(entry));
}
