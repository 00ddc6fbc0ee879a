import { addUpdate, declareIncident } from '../../lambdas/core/incident/lifecycle.js';
import type { Config } from '../../lambdas/core/config/config-schema.js';
import type { TimelineUpdate } from '../../lambdas/core/incident/model.js';
import { aDeclareInput, anAddUpdateInput } from './builders.js';

let counter = 0;

/** The opening update of a fresh incident, with overrides on the declaration. */
export function anOpeningUpdate(config: Config, overrides: Parameters<typeof aDeclareInput>[0] = {}): TimelineUpdate {
  counter++;
  const incidentId = `inc_01JF3Z${String(counter).padStart(20, '0')}`;
  return declareIncident(
    aDeclareInput({ components: [{ id: 'chat', status: 'major_outage' }], ...overrides }),
    { incidentId, updateId: `upd_${counter}a` },
    '2024-12-12T07:02:11.000Z',
    config,
  ).update;
}

/** The update after `previous`, e.g. the recovery. */
export function aFollowUp(previous: TimelineUpdate, config: Config, overrides: Parameters<typeof anAddUpdateInput>[0] = {}): TimelineUpdate {
  const head = { id: previous.incidentId, ...previous.incident };
  return addUpdate(head, anAddUpdateInput(overrides), `${previous.id}-next${previous.seq + 1}`, '2024-12-12T11:12:11.000Z', config).update;
}
