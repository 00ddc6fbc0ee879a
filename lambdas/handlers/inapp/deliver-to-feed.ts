import type { Clock } from '../../adapters/clock.js';
import type { DeliveryLedger } from '../../adapters/dynamo/delivery-ledger.js';
import type { FeedStore } from '../../adapters/dynamo/feed-store.js';
import type { ChannelEnvelope } from '../../core/delivery/channel-envelope.js';
import type { FeedItem } from '../../core/incident/answer-schemas.js';

export interface InAppDependencies {
  ledger: DeliveryLedger;
  feed: FeedStore;
  clock: Clock;
}

/**
 * Writes the update's feed item for its locale and settles the ledger row. Both writes are
 * conditional and keyed by the update, so a redelivered message leaves one item and one `sent`.
 */
export async function deliverToFeed(envelope: ChannelEnvelope, deps: InAppDependencies): Promise<void> {
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
  await deps.feed.putIfAbsent(item);
  await deps.ledger.settle(
    { incidentId: envelope.incidentId, seq: envelope.seq, channel: 'inapp', locale: envelope.locale },
    { state: 'sent', externalId: item.id },
    deps.clock().toISOString(),
  );
}
