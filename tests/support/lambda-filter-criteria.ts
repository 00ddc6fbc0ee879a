/** An event source mapping's `FilterCriteria` as a template holds it: each pattern a JSON string. */
export interface FilterCriteria {
  readonly Filters: readonly { readonly Pattern: string }[];
}

type Scalar = string | number | boolean | null;

/**
 * Whether Lambda would hand `record` to the function under `criteria` (any one pattern must match;
 * no criteria lets everything through). moto applies no filter without its Docker-backed Lambda,
 * and nothing else here evaluates the stack's patterns, so the AWS-emulator suite does it with this.
 *
 * Only the part of Lambda's pattern syntax the stack writes is evaluated: nested objects and lists of
 * exact values (`{"eventName":["INSERT"],"dynamodb":{"NewImage":{"type":{"S":["update"]}}}}`). A
 * pattern that uses an operator (`prefix`, `anything-but`, `numeric`, `exists`, …) is refused with an
 * error rather than guessed at, so a new filter in the stack cannot pass here by accident.
 *
 * @example
 * const delivered = records.filter((record) => passesFilterCriteria(mapping.FilterCriteria, record));
 */
export function passesFilterCriteria(criteria: FilterCriteria | undefined, record: unknown): boolean {
  if (!criteria) return true;
  return criteria.Filters.map(({ Pattern }) => checkedPattern(JSON.parse(Pattern) as unknown, [])).some((pattern) => matches(pattern, record));
}

/** A pattern: at each key, either a nested pattern or the exact values allowed there. */
interface Pattern {
  [key: string]: Pattern | readonly Scalar[];
}

/** The pattern, checked whole before any record is matched, so an operator is refused whatever the record holds. */
function checkedPattern(pattern: unknown, path: string[]): Pattern {
  if (!isObject(pattern)) throw new Error(`filter pattern at ${describe(path)} is neither an object nor a list of values`);
  return Object.fromEntries(
    Object.entries(pattern).map(([key, expected]) => {
      const at = [...path, key];
      if (!Array.isArray(expected)) return [key, checkedPattern(expected, at)];
      return [key, expected.map((allowed: unknown) => exactValue(allowed, at))];
    }),
  );
}

function matches(pattern: Pattern, value: unknown): boolean {
  if (!isObject(value)) return false;
  return Object.entries(pattern).every(([key, expected]) => {
    const actual = value[key];
    if (!isValueList(expected)) return matches(expected, actual);
    if (actual === undefined) return false;
    // Lambda matches a list in the record when any of its elements matches.
    const candidates: unknown[] = Array.isArray(actual) ? actual : [actual];
    return expected.some((allowed) => candidates.some((candidate) => candidate === allowed));
  });
}

function isValueList(expected: Pattern | readonly Scalar[]): expected is readonly Scalar[] {
  return Array.isArray(expected);
}

function exactValue(allowed: unknown, path: string[]): Scalar {
  if (allowed === null || ['string', 'number', 'boolean'].includes(typeof allowed)) return allowed as Scalar;
  throw new Error(
    `filter pattern at ${describe(path)} uses ${JSON.stringify(allowed)}: only exact values are evaluated here (tests/support/lambda-filter-criteria.ts); teach it the operator before the stack uses it`,
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(path: string[]): string {
  return path.length === 0 ? 'its top' : path.join('.');
}
