import * as z from 'zod/mini';
import { describeIssues } from '../../core/validation/describe-issues.js';
import { HttpProblem } from './problem.js';

/** Validates query parameters (first value of each) against a schema; `400` names each bad one. */
export function readQuery<Schema extends z.core.$ZodType>(query: URLSearchParams, schema: Schema): z.output<Schema> {
  const values: Record<string, string> = {};
  for (const [name, value] of query) if (!(name in values)) values[name] = value;
  const result = z.safeParse(schema, values);
  if (!result.success) {
    const errors = describeIssues(result.error.issues).map((error) => ({ ...error, path: `query.${error.path}` }));
    throw new HttpProblem(400, 'invalid-query', `invalid query parameters: ${errors.map((error) => error.path).join(', ')}`, errors);
  }
  return result.data;
}
