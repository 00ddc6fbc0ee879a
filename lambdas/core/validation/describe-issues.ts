import type * as z from 'zod/mini';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `components.0.status`; empty for the whole value. */
  path: string;
  message: string;
}

/**
 * Turns zod issues into the `errors` array of a problem+json answer (and config error lines). An
 * unknown key is reported at its own path, so the answer names the field to remove. A union of
 * objects that the value fits none of (the preview takes an update or a postmortem) is reported as
 * the shape the value is written in: zod alone would answer a bare "Invalid input".
 *
 * @example
 * describeIssues(schema.safeParse({ titel: 'x' }).error!.issues); // [{ path: 'titel', message: 'is not a known field' }, …]
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue): FieldError[] => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: 'is not a known field' }));
    }
    if (issue.code === 'invalid_union') {
      const branch = branchWrittenIn(issue.errors);
      if (branch) return describeIssues(branch.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] })));
    }
    return [{ path: path.join('.'), message: issue.message }];
  });
}

/**
 * The branch of a failed union of objects the value is written in: the first whose errors call none
 * of its keys unknown (an update body has no `postmortem`; a postmortem preview has nothing else),
 * else the first. Undefined when a branch failed on the value's own type (a number where a string or
 * a map is expected): then no branch is the value's, and the union's own message stands.
 */
function branchWrittenIn(branches: readonly (readonly z.core.$ZodIssue[])[]): readonly z.core.$ZodIssue[] | undefined {
  const failsOnType = branches.some((branch) => branch.some((issue) => issue.path.length === 0 && issue.code !== 'unrecognized_keys'));
  if (failsOnType) return undefined;
  return branches.find((branch) => !branch.some((issue) => issue.path.length === 0 && issue.code === 'unrecognized_keys')) ?? branches[0];
}
