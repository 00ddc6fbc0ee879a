import type { Config } from '../config/config-schema.js';
import { isMaintenanceHead } from '../maintenance/maintenance-head.js';
import { presentMaintenanceSummary } from '../maintenance/present-maintenance.js';
import { shownMaintenances } from '../maintenance/shown-maintenances.js';
import type { StatusAnswer } from './answer-schemas.js';
import type { IncidentHead } from './model.js';
import { componentStatusesFromOpenIncidents, overallStatus } from './overall-status.js';
import { presentSummary } from './present-incident.js';

/**
 * `GET /v1/status` from the open incidents and the maintenance windows given beside them: the worst
 * status of each component (a window in progress makes its components `under_maintenance`), the
 * banner status, the incidents' summaries, and the windows in progress or starting within 7 days.
 * The API and the published static snapshot both answer this.
 *
 * @example
 * statusAnswer([...await incidents.listOpen(), ...windows], config, new Date().toISOString());
 */
export function statusAnswer(heads: readonly IncidentHead[], config: Config, updatedAt: string): StatusAnswer {
  const openIncidents = heads.filter((head) => !isMaintenanceHead(head));
  const maintenances = shownMaintenances(heads, updatedAt);
  const components = componentStatusesFromOpenIncidents([...openIncidents, ...maintenances], config);
  return {
    status: overallStatus(components),
    components,
    incidents: openIncidents.map((head) => presentSummary(head, config)),
    maintenances: maintenances.map((head) => presentMaintenanceSummary(head, config)),
    updatedAt,
  };
}
