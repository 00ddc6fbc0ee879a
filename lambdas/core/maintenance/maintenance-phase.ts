import type { MaintenanceStatus } from '../incident/vocabulary.js';

/** How `GET /v1/maintenances?state=` groups windows: not started, started, finished. */
export type MaintenancePhase = 'upcoming' | 'active' | 'past';

export const maintenancePhases: readonly MaintenancePhase[] = ['upcoming', 'active', 'past'];

/**
 * @example
 * maintenancePhaseOf('verifying'); // 'active'
 */
export function maintenancePhaseOf(status: MaintenanceStatus): MaintenancePhase {
  if (status === 'scheduled') return 'upcoming';
  if (status === 'in_progress' || status === 'verifying') return 'active';
  return 'past';
}
