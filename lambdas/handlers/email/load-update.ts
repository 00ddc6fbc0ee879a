import type { TimelineUpdate } from '../../core/incident/model.js';
import type { IncidentStore } from '../../core/ports/incident-store.js';
import { keptPerContainer } from '../queued/kept-per-container.js';

// A worker plans and sends many pages and batches of the same few updates: read each once per container.
const keptUpdates = keptPerContainer<TimelineUpdate>(100);

/**
 * The timeline update an email task is about (immutable once written, so safe to keep). A missing
 * one is an error the queue retries: the task cannot exist before its update.
 *
 * @example
 * const update = await loadUpdate(deps.incidents, task);
 */
export function loadUpdate(incidents: Pick<IncidentStore, 'getUpdate'>, task: { incidentId: string; seq: number }): Promise<TimelineUpdate> {
  return keptUpdates(`${task.incidentId}#${task.seq}`, async () => {
    const update = await incidents.getUpdate(task.incidentId, task.seq);
    if (!update) throw new Error(`update ${task.seq} of incident ${task.incidentId} is not in the store`);
    return update;
  });
}
