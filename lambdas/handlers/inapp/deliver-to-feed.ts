import type { ChannelEnvelope } from '../../core/delivery/channel-envelope.js';
import { feedExpiry } from '../../core/feed/feed-position.js';
import type { FeedItem } from '../../core/incident/answer-schemas.js';
import type { Clock } from '../../core/ports/clock.js';
import type { DeliveryLedger } from '../../core/ports/delivery-ledger.js';
import type { FeedWriter } from '../../core/ports/feed.js';
import type { Logger } from '../../core/ports/logger.js';
import type { MessageVisibility } from '../../core/ports/message-visibility.js';
import type { Metrics } from '../../core/ports/metrics.js';

export interface InAppDependencies {
  ledger: DeliveryLedger;
  feed: FeedWriter;
  visibility: MessageVisibility;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** Days an item is kept after it is written (`channels.inapp.feedRetentionDays`). */
  feedRetentionDays: number;
}

/**
 * Writes the update's feed item for its locale, placed by when it is written (so a poller reading on
 * from its cursor meets it even when it is written late) and expiring after the retention, and
 * settles the ledger row. Both writes are conditional and keyed by the update, so a redelivered
 * message leaves one item and one `sent`.
 *
 * @example
 * await deliverToFeed(envelope, deps, logger.withKeys({ incidentId: envelope.incidentId }));
 */
export async function deliverToFeed(envelope: ChannelEnvelope, deps: InAppDependencies, log: Logger): Promise<void> {
  if (!envelope.inapp) return;
  const item: FeedItem = {
    id: `feed_${envelope.updateId}_${envelope.locale}`,
    incidentId: envelope.incidentId,
    updateId: envelope.updateId,
    kind: envelope.kind,
    locale: envelope.locale,
    title: envelope.inapp.title,
    body: envelope.inapp.text,
    status: envelope.status,
    impact: envelope.impact,
    url: envelope.inapp.url,
    createdAt: envelope.createdAt,
  };
  const writtenAt = deps.clock().toISOString();
  const written = await deps.feed.putIfAbsent(item, { writtenAt, expiresAt: feedExpiry(writtenAt, deps.feedRetentionDays) });
  const settled = await deps.ledger.settle(
    { incidentId: envelope.incidentId, seq: envelope.seq, channel: 'inapp', locale: envelope.locale },
    { state: 'sent', externalId: item.id },
    deps.clock().toISOString(),
  );
  if (settled) deps.metrics.record('DeliverySent', 1, { channel: 'inapp' });
  log.info(settled ? 'feed item written' : 'feed item already delivered; nothing written', { feedItemId: item.id, written });
}
