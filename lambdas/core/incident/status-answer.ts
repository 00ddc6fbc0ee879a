import type { Config } from '../config/config-schema.js';
import type { StatusAnswer } from './answer-schemas.js';
import type { IncidentHead } from './model.js';
import { componentStatusesFromOpenIncidents, overallStatus } from './overall-status.js';
import { presentSummary } from './present-incident.js';

/**
 * `GET /v1/status` from the open incidents: the worst status of each component, the banner status,
 * the incidents' summaries. The API and the published static snapshot both answer this.
 *
 * @example
 * statusAnswer(await incidents.listOpen(), config, new Date().toISOString());
 */
export function statusAnswer(openIncidents: readonly IncidentHead[], config: Config, updatedAt: string): StatusAnswer {
  const components = componentStatusesFromOpenIncidents(openIncidents, config);
  return {
    status: overallStatus(components),
    components,
    incidents: openIncidents.map((head) => presentSummary(head, config)),
    updatedAt,
  };
}
