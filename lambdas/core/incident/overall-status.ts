import { componentNames } from './component-names.js';
import type { Config } from '../config/config-schema.js';
import type { ComponentAnswer } from './answer-schemas.js';
import type { IncidentHead } from './model.js';
import type { ComponentStatus, OverallStatus } from './vocabulary.js';
import { hasEnded } from './vocabulary.js';

const severity: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

const overallFor: Record<ComponentStatus, OverallStatus> = {
  operational: 'operational',
  // Planned maintenance still means "not fully working" to a reader; it is not an outage.
  under_maintenance: 'degraded_performance',
  degraded_performance: 'degraded_performance',
  partial_outage: 'partial_outage',
  major_outage: 'major_outage',
};

/**
 * Every configured component with the worst status any open incident gives it. Resolved incidents
 * do not count: resolving is the commander saying customers are no longer affected.
 */
export function componentStatusesFromOpenIncidents(openIncidents: readonly IncidentHead[], config: Config): ComponentAnswer[] {
  return config.components.map((component) => {
    let status: ComponentStatus = 'operational';
    for (const incident of openIncidents) {
      // A finished maintenance window has put its components back, as a resolved incident has.
      if (hasEnded(incident.status)) continue;
      const touched = incident.components[component.id];
      if (touched !== undefined && severity[touched] > severity[status]) status = touched;
    }
    return { ...componentNames(component, config), status };
  });
}

/** The banner status: the worst component status, maintenance shown as degraded. */
export function overallStatus(components: readonly Pick<ComponentAnswer, 'status'>[]): OverallStatus {
  let worst: ComponentStatus = 'operational';
  for (const { status } of components) if (severity[status] > severity[worst]) worst = status;
  return overallFor[worst];
}
