import { DomainError } from '../../core/errors/domain-error.js';
import type { FieldError } from '../../core/validation/describe-issues.js';
import type { ApiResult } from './http.js';

const problemTitles = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
} as const;

export type ProblemStatus = keyof typeof problemTitles;

/**
 * An error the HTTP edge answers as it stands (`application/problem+json`, RFC 9457): a request
 * that cannot be parsed, authorised or routed. What the domain raises goes through `problem-table.ts`.
 */
export class HttpProblem extends DomainError {
  constructor(
    readonly status: ProblemStatus,
    /** Stable machine-readable slug, turned into the problem `type` URI. */
    readonly slug: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export function problemResult(problem: HttpProblem): ApiResult {
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...problem.headers },
    body: JSON.stringify({
      type: `urn:incident-comms:problem:${problem.slug}`,
      title: problemTitles[problem.status],
      status: problem.status,
      detail: problem.detail,
      ...(problem.errors ? { errors: problem.errors } : {}),
    }),
  };
}
