import { batchesOfPage } from '../../core/email/batches-of-page.js';
import { subscribersPerPage } from '../../core/email/email-tasks.js';
import type { PlanPageTask } from '../../core/email/email-tasks.js';
import type { Logger } from '../../core/ports/logger.js';
import { subscriberHears } from '../../core/subscribers/subscriber-hears.js';
import type { EmailPlannerDependencies } from './email-dependencies.js';
import { loadUpdate } from './load-update.js';

/**
 * Plans a later page (1 and on) of one shard (the first pages are planned when the delivery begins): reads up to 500 confirmed subscribers of the locale, keeps those the
 * update concerns (their components), records the choice (a repeated task gets the recorded one),
 * queues their send batches, then the shard's next page. Queuing again after a crash is safe: the
 * senders count each batch once and mail each recipient once.
 *
 * @example
 * await planPage(task, deps, log);
 */
export async function planPage(task: PlanPageTask, deps: EmailPlannerDependencies, log: Logger): Promise<void> {
  const update = await loadUpdate(deps.incidents, task);
  const read = await deps.subscribers.audiencePage(task.locale, task.shard, { limit: deps.pageSize ?? subscribersPerPage, ...(task.cursor ? { cursor: task.cursor } : {}) });
  const chosen = read.subscribers.filter((subscriber) => subscriberHears(subscriber, update)).map((subscriber) => subscriber.id);
  const now = deps.clock().toISOString();
  const page = await deps.ledger.recordPage(task, { subscriberIds: chosen, nextCursor: read.nextCursor }, now);
  if (page.queued) {
    log.info('email page already planned and handed on', { shard: task.shard, page: task.page });
    return;
  }

  const batches = batchesOfPage(task, page.subscriberIds);
  await deps.work.send(batches);
  if (page.nextCursor !== null) {
    await deps.work.planPages([{ ...task, page: task.page + 1, cursor: page.nextCursor }]);
  } else {
    // A shard that ends with nobody left to mail may be the last thing the delivery waited for.
    await deps.ledger.completeIfDone({ incidentId: task.incidentId, seq: task.seq, channel: 'email', locale: task.locale }, now);
  }
  // Marked after handing on: a crash in between hands the page on again, which the senders absorb.
  await deps.ledger.markPageQueued(task, deps.clock().toISOString());
  log.info('email page planned', { shard: task.shard, page: task.page, recipients: page.subscriberIds.length, batches: batches.length, lastPage: page.nextCursor === null });
}
