import { operationList } from '../../core/api/api-contract.js';
import type { OperationDeclaration, OperationId } from '../../core/api/api-contract.js';
import { HttpProblem } from './problem.js';

type Operation = OperationDeclaration & { id: OperationId };

interface CompiledOperation {
  operation: Operation;
  pattern: RegExp;
  parameterNames: string[];
}

/** The operation a request names, with its path parameters decoded. */
export interface MatchedOperation {
  operation: Operation;
  params: Record<string, string>;
}

const compiled = operationList.map(compile);

/**
 * The contract's operation for a method and path, as API Gateway routes it: `404` when no operation
 * has the path, `405` (with `Allow`) when none has it with this method. Both API functions and the
 * local runtime's gateway answer from the whole contract, so a wrong method gets the same answer
 * whichever function it reaches.
 *
 * @example
 * matchOperation('POST', '/v1/incidents/01J…/updates'); // { operation: addUpdate, params: { id: '01J…' } }
 */
export function matchOperation(method: string, path: string): MatchedOperation {
  const candidates = compiled.map((entry) => ({ entry, match: entry.pattern.exec(path) })).filter((candidate) => candidate.match !== null);
  if (candidates.length === 0) throw new HttpProblem(404, 'route-not-found', `no route ${path}`);
  const chosen = candidates.find((candidate) => candidate.entry.operation.method === method.toUpperCase());
  if (!chosen) {
    const allow = candidates.map((candidate) => candidate.entry.operation.method).join(', ');
    throw new HttpProblem(405, 'method-not-allowed', `${method.toUpperCase()} is not allowed on ${path}; use ${allow}`, undefined, { allow });
  }
  const { operation, parameterNames } = chosen.entry;
  return { operation, params: Object.fromEntries(parameterNames.map((name, index) => [name, decodePathSegment(chosen.match![index + 1]!)])) };
}

function compile(operation: Operation): CompiledOperation {
  const parameterNames: string[] = [];
  const source = operation.path
    .split('/')
    .map((segment) => {
      const parameter = /^\{(\w+)\}$/.exec(segment);
      if (!parameter) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      parameterNames.push(parameter[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { operation, pattern: new RegExp(`^${source}/?$`), parameterNames };
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
