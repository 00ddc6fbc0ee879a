/** One object of the public snapshot, as the status site's bucket (or, locally, memory) holds it. */
export interface SnapshotObject {
  /** The object key, which is also its path on the status site: `v1/status`, `snapshot/feed-id.json`. */
  key: string;
  body: string;
  contentType: string;
  cacheControl: string;
}

/**
 * Where each part of the public snapshot lives. `v1/status` has the API's own path, so the CDN serves
 * `GET /v1/status` from the bucket and calls the API only when the bucket cannot answer.
 */
export const snapshotKeys = {
  status: 'v1/status',
  openIncidents: 'snapshot/incidents-open.json',
  feed: (locale: string) => `snapshot/feed-${locale}.json`,
} as const;
