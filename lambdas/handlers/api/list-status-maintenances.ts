import type { IncidentHead } from '../../core/incident/model.js';
import type { IncidentStore } from '../../core/ports/incident-store.js';

/** More windows than any status page shows at once: in progress, or starting within the week. */
const statusWindowLimit = 100;

/**
 * The maintenance windows the status may show: those in progress and the soonest upcoming ones
 * (`shownMaintenances` keeps those within 7 days).
 *
 * @example
 * statusAnswer([...await incidents.listOpen(), ...await listStatusMaintenances(incidents)], config, now);
 */
export async function listStatusMaintenances(incidents: Pick<IncidentStore, 'listMaintenances'>): Promise<IncidentHead[]> {
  const [active, upcoming] = await Promise.all([incidents.listMaintenances('active', statusWindowLimit), incidents.listMaintenances('upcoming', statusWindowLimit)]);
  return [...active.heads, ...upcoming.heads];
}
