import type { z } from 'zod';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `components.0.status`; empty for the whole value. */
  path: string;
  message: string;
}

/** Turns zod issues into the `errors` array of a problem+json answer (and config error lines). */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
