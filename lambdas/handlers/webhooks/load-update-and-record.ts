import type { Config } from '../../core/config/config-schema.js';
import type { IncidentAnswer, MaintenanceAnswer } from '../../core/incident/answer-schemas.js';
import type { TimelineUpdate } from '../../core/incident/model.js';
import type { IncidentStore } from '../../core/ports/incident-store.js';
import { recordAfterUpdate } from '../../core/webhooks/record-after-update.js';
import { keptPerContainer } from '../queued/kept-per-container.js';

export interface UpdateAndRecord {
  update: TimelineUpdate;
  /** The incident or window as it stood right after the update. */
  record: IncidentAnswer | MaintenanceAnswer;
}

// A worker posts the same few updates to many subscribers: read each once per container. Both are
// immutable once written (the timeline up to an update never changes), so keeping them is safe.
const keptUpdates = keptPerContainer<UpdateAndRecord>(100);

/**
 * An update and the record after it, in one read of the timeline up to it. A missing one is an
 * error the queue retries: a delivery cannot exist before its update.
 *
 * @example
 * const { update, record } = await loadUpdateAndRecord(deps.incidents, task, deps.config);
 */
export function loadUpdateAndRecord(incidents: Pick<IncidentStore, 'getIncident'>, task: { incidentId: string; seq: number }, config: Config): Promise<UpdateAndRecord> {
  return keptUpdates(`${task.incidentId}#${task.seq}`, async () => {
    const stored = await incidents.getIncident(task.incidentId, task.seq);
    const update = stored?.updates.find((entry) => entry.seq === task.seq);
    if (!stored || !update) throw new Error(`update ${task.seq} of incident ${task.incidentId} is not in the store`);
    return { update, record: recordAfterUpdate(update, stored.updates, config) };
  });
}
