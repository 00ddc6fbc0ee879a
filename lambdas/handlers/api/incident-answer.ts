import type { Config } from '../../core/config/config-schema.js';
import type { IncidentHead, TimelineUpdate } from '../../core/incident/model.js';
import { presentIncident } from '../../core/incident/present-incident.js';
import { isMaintenanceHead } from '../../core/maintenance/maintenance-head.js';
import { presentMaintenance } from '../../core/maintenance/present-maintenance.js';
import { etag, json } from './http.js';
import type { ApiResult } from './http.js';

/**
 * An incident or maintenance window answer with the headers docs/api.md promises on it: ETag
 * always, Location on creation. Both share the write path (commitChange), so the head says which.
 */
export function incidentAnswer(
  statusCode: number,
  head: IncidentHead,
  updates: readonly TimelineUpdate[],
  config: Config,
  extraHeaders: Record<string, string> = {},
): ApiResult {
  const maintenance = isMaintenanceHead(head);
  const body = maintenance ? presentMaintenance(head, updates, config) : presentIncident(head, updates, config);
  return json(statusCode, body, {
    etag: etag(head.version, head.overdue === true),
    'cache-control': 'no-store',
    ...(statusCode === 201 ? { location: `/v1/${maintenance ? 'maintenances' : 'incidents'}/${head.id}` } : {}),
    ...extraHeaders,
  });
}
