import type { ChannelEnvelope } from '../../core/delivery/channel-envelope.js';
import { batchesOfPage } from '../../core/email/batches-of-page.js';
import { subscribersPerPage } from '../../core/email/email-tasks.js';
import type { PlanPageTask } from '../../core/email/email-tasks.js';
import type { FirstPage } from '../../core/ports/email-ledger.js';
import type { Logger } from '../../core/ports/logger.js';
import { subscriberHears } from '../../core/subscribers/subscriber-hears.js';
import { subscriberShardCount } from '../../core/subscribers/subscriber.js';
import type { EmailPlannerDependencies } from './email-dependencies.js';
import { loadUpdate } from './load-update.js';

/**
 * Begins the email delivery of one update in one locale: reads the first page of every shard of the
 * audience side by side, records them and counts their recipients in one step, then queues their send
 * batches and, for the shards with more, the next page. The work here is bounded (8 reads of at most
 * 500, one transaction) for ten subscribers as for a million; the later pages and the senders are
 * what scale. A repeated start hands on the pages recorded the first time, never a fresh read.
 *
 * @example
 * await planEmailDelivery(envelope, deps, log);
 */
export async function planEmailDelivery(envelope: ChannelEnvelope, deps: EmailPlannerDependencies, log: Logger): Promise<void> {
  const { incidentId, seq, updateId, locale } = envelope;
  const delivery = { incidentId, seq, channel: 'email' as const, locale };
  const update = await loadUpdate(deps.incidents, envelope);
  const read = await Promise.all(
    Array.from({ length: subscriberShardCount }, async (_, shard): Promise<FirstPage> => {
      const page = await deps.subscribers.audiencePage(locale, shard, { limit: deps.pageSize ?? subscribersPerPage });
      return { shard, subscriberIds: page.subscribers.filter((subscriber) => subscriberHears(subscriber, update)).map((subscriber) => subscriber.id), nextCursor: page.nextCursor };
    }),
  );
  const begun = await deps.ledger.beginPlanning(delivery, read, deps.clock().toISOString());
  if (begun.firstPagesQueued) {
    log.info('email delivery already begun; its first pages are handed on');
    return;
  }

  const batches = begun.firstPages.flatMap((page) => batchesOfPage({ incidentId, seq, updateId, locale, shard: page.shard, page: 0 }, page.subscriberIds));
  const nextPages = begun.firstPages
    .filter((page) => page.nextCursor !== null)
    .map((page): PlanPageTask => ({ kind: 'plan-page', incidentId, seq, updateId, locale, shard: page.shard, page: 1, cursor: page.nextCursor }));
  await deps.work.send(batches);
  await deps.work.planPages(nextPages);
  // Nobody to mail at all (or nobody this update concerns): the delivery is done now.
  await deps.ledger.completeIfDone(delivery, deps.clock().toISOString());
  // Marked after handing on: a crash in between hands the same pages on again, which the senders absorb.
  await deps.ledger.markFirstPagesQueued(delivery, deps.clock().toISOString());
  log.info('email delivery begun', { recipients: batches.reduce((sum, batch) => sum + batch.subscriberIds.length, 0), batches: batches.length, shardsWithMorePages: nextPages.length });
}
