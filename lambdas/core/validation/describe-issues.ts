import type * as z from 'zod/mini';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `components.0.status`; empty for the whole value. */
  path: string;
  message: string;
}

/**
 * Turns zod issues into the `errors` array of a problem+json answer (and config error lines). An
 * unknown key is reported at its own path, so the answer names the field to remove.
 *
 * @example
 * describeIssues(schema.safeParse({ titel: 'x' }).error!.issues); // [{ path: 'titel', message: 'is not a known field' }, …]
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: 'is not a known field' }));
    }
    return [{ path: path.join('.'), message: issue.message }];
  });
}
