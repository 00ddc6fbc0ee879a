import type { IncidentMailBatch, PlanPageTask } from './email-tasks.js';
import { recipientsPerBatch } from './email-tasks.js';

/**
 * The send batches of one planned page, numbered within it: the same page always gives the same
 * batches, so a batch queued twice is recognised as one.
 *
 * @example
 * batchesOfPage({ incidentId, seq, updateId, locale, shard: 3, page: 0 }, subscriberIds); // ≤ 50 recipients each
 */
export function batchesOfPage(page: Pick<PlanPageTask, 'incidentId' | 'seq' | 'updateId' | 'locale' | 'shard' | 'page'>, subscriberIds: readonly string[]): IncidentMailBatch[] {
  const batches: IncidentMailBatch[] = [];
  for (let start = 0, batch = 0; start < subscriberIds.length; start += recipientsPerBatch, batch++) {
    const { incidentId, seq, updateId, locale, shard } = page;
    batches.push({ kind: 'incident-mail', incidentId, seq, updateId, locale, shard, page: page.page, batch, subscriberIds: subscriberIds.slice(start, start + recipientsPerBatch) });
  }
  return batches;
}
