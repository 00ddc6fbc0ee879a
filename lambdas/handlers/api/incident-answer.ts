import type { Config } from '../../core/config/config-schema.js';
import type { IncidentHead, TimelineUpdate } from '../../core/incident/model.js';
import { presentIncident } from '../../core/incident/present-incident.js';
import { etag, json } from './http.js';
import type { ApiResult } from './http.js';

/** An incident answer with the headers docs/api.md promises on it: ETag always, Location on creation. */
export function incidentAnswer(
  statusCode: number,
  head: IncidentHead,
  updates: readonly TimelineUpdate[],
  config: Config,
  extraHeaders: Record<string, string> = {},
): ApiResult {
  return json(statusCode, presentIncident(head, updates, config), {
    etag: etag(head.version, head.overdue === true),
    'cache-control': 'no-store',
    ...(statusCode === 201 ? { location: `/v1/incidents/${head.id}` } : {}),
    ...extraHeaders,
  });
}
