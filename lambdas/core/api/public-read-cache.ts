/**
 * A day: during an outage of our own (Lambda or DynamoDB impaired) the CDN keeps answering with the
 * last copy it had of a public read instead of an error, which is the status page's whole point.
 */
export const staleIfErrorSeconds = 86_400;

/**
 * The `Cache-Control` of a public read: shared caches may keep it `maxAgeSeconds` and serve it
 * stale while the API fails.
 *
 * @example
 * publicReadCacheControl(10); // 'public, max-age=10, stale-if-error=86400'
 */
export function publicReadCacheControl(maxAgeSeconds: number): string {
  return `public, max-age=${maxAgeSeconds}, stale-if-error=${staleIfErrorSeconds}`;
}
