import type { Config } from '../config/config-schema.js';
import type { IncidentAnswer, MaintenanceAnswer } from '../incident/answer-schemas.js';
import type { TimelineUpdate } from '../incident/model.js';
import { headAfter, presentIncident } from '../incident/present-incident.js';
import { isMaintenanceHead } from '../maintenance/maintenance-head.js';
import { presentMaintenance } from '../maintenance/present-maintenance.js';

/**
 * The incident (or maintenance window) as the API showed it right after `update`: what a webhook
 * event carries, the same on every attempt however the record changed since.
 *
 * @example
 * recordAfterUpdate(timeline[0], timeline, config).status; // 'investigating'
 */
export function recordAfterUpdate(update: TimelineUpdate, timeline: readonly TimelineUpdate[], config: Config): IncidentAnswer | MaintenanceAnswer {
  const head = headAfter(update);
  const through = timeline.filter((entry) => entry.seq <= update.seq);
  return isMaintenanceHead(head) ? presentMaintenance(head, through, config) : presentIncident(head, through, config);
}
