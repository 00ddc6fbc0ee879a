import * as z from 'zod/mini';

/**
 * A page size in a query string: a plain decimal from 1 to `max`, `fallback` when absent. Nothing
 * else is read as a number (`05`, `0x10`, `1e1`, ` 5`, `5.0`): every spelling of a value would be
 * another cache key at the CDN, and an unlimited number of keys is a way round the cache.
 *
 * @example
 * z.strictObject({ limit: pageLimit(100, 50) }).parse({}); // { limit: 50 }
 * z.strictObject({ limit: pageLimit(100, 50) }).parse({ limit: '05' }); // throws: a plain decimal …
 */
export function pageLimit(max: number, fallback: number) {
  const rule = `a plain decimal number from 1 to ${max}, without leading zeros, signs, spaces or exponents`;
  return z._default(
    z.pipe(
      z.string().check(z.regex(/^[1-9][0-9]{0,5}$/, { error: `must be ${rule}` })),
      z.transform((digits: string) => Number(digits)),
    ).check(z.maximum(max, { error: `must be ${rule}` })),
    fallback,
  );
}
