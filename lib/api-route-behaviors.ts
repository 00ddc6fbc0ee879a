import type { OperationDeclaration, OperationId } from '../lambdas/core/api/api-contract.js';

/** One CloudFront cache behavior in front of the API, planned from the contract. */
export interface ApiRouteBehavior {
  /** The contract's path with each `{parameter}` as `*`, e.g. `/v1/incidents/*`. */
  readonly pathPattern: string;
  /**
   * Set when the path has a public read of the read function: the CDN caches it, keyed by exactly
   * the query keys that read validates (`[]`: no query string at all), so no other key can make a
   * request miss the cache.
   */
  readonly cache: { readonly queryKeys: readonly string[] } | undefined;
  /** Other operations share the path (a commander's POST beside the public GET): every method passes, with the bearer token. */
  readonly passesWrites: boolean;
  readonly operations: readonly OperationId[];
}

/** Everything under `/v1/` no planned behavior takes: never cached, every method, the bearer token forwarded. */
export const apiCatchAllPattern = '/v1/*';

/**
 * Whether a CloudFront path pattern matches a path: `*` is any run of characters, `/` included, and
 * `?` exactly one; the comparison is case-sensitive.
 */
export function pathPatternMatches(pattern: string, path: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(path);
}

/** A path of the template's shape, each parameter a sample value: what a request to the operation looks like. */
export function samplePath(template: string): string {
  return template.replace(/\{[^}]+\}/g, '01J0SAMPLE');
}

/**
 * The behaviors the API needs on the distribution, in the order CloudFront must try them (the first
 * whose pattern matches wins):
 * - a path with a public read of the read function (`servedBy: 'reads'`, GET) gets its own cached
 *   behavior keyed by that read's query keys;
 * - a path of anything else (commander routes, the subscription routes with their tokens) needs no
 *   behavior of its own, the uncached catch-all takes it, unless a cached pattern would catch it
 *   first (`/v1/incidents/*` matches `/v1/incidents/{id}/updates`): then it gets an uncached one,
 *   ordered before;
 * - deeper paths come first, so a pattern never shadows a path below it.
 * `servedElsewhere` names paths the distribution answers otherwise (`/v1/status`, from the bucket).
 *
 * @example
 * planApiRouteBehaviors(operationList, (query) => Object.keys(schemas.queries[query].shape), ['/v1/status']);
 */
export function planApiRouteBehaviors(
  operations: readonly (OperationDeclaration & { id: OperationId })[],
  queryKeysOf: (query: NonNullable<OperationDeclaration['query']>) => readonly string[],
  servedElsewhere: readonly string[] = [],
): ApiRouteBehavior[] {
  const byPath = new Map<string, (OperationDeclaration & { id: OperationId })[]>();
  for (const operation of operations) {
    if (servedElsewhere.includes(operation.path)) continue;
    byPath.set(operation.path, [...(byPath.get(operation.path) ?? []), operation]);
  }
  const planned = [...byPath].map(([path, onPath]): ApiRouteBehavior & { path: string } => {
    const reads = onPath.filter((operation) => operation.method === 'GET' && operation.servedBy === 'reads');
    return {
      path,
      pathPattern: path.replace(/\{[^}]+\}/g, '*'),
      cache: reads.length > 0 ? { queryKeys: [...new Set(reads.flatMap((read) => (read.query ? queryKeysOf(read.query) : [])))].sort() } : undefined,
      passesWrites: onPath.length > reads.length,
      operations: onPath.map((operation) => operation.id),
    };
  });
  const cached = planned.filter((behavior) => behavior.cache);
  const shadowed = planned.filter(
    (behavior) => !behavior.cache && cached.some((other) => pathPatternMatches(other.pathPattern, samplePath(behavior.path))),
  );
  return [...cached, ...shadowed]
    .sort((a, b) => segments(b.path) - segments(a.path) || b.path.length - a.path.length)
    .map(({ path: _path, ...behavior }) => behavior);
}

function segments(path: string): number {
  return path.split('/').length;
}
