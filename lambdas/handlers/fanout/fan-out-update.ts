import type { Clock } from '../../adapters/clock.js';
import type { DeliveryLedger } from '../../adapters/dynamo/delivery-ledger.js';
import type { NotificationTopic } from '../../adapters/sns/notification-topic.js';
import type { Config } from '../../core/config/config-schema.js';
import { buildNotification } from '../../core/delivery/build-notification.js';
import { planDeliveries } from '../../core/delivery/plan-deliveries.js';
import type { TimelineUpdate } from '../../core/incident/model.js';
import type { Channel } from '../../core/incident/vocabulary.js';

export interface FanOutDependencies {
  config: Config;
  ledger: DeliveryLedger;
  topic: NotificationTopic;
  clock: Clock;
}

/**
 * Sends one stored update on its way: ledger rows first (conditional, so a redelivered stream record
 * finds them), then one publish per locale not yet published, each recorded right after SNS accepts
 * it. A crash between the publish and its record is the one window left; the queued channels' ledger
 * rows make their second copy a no-op, and SNS email has no deduplication to lean on.
 */
export async function fanOutUpdate(update: TimelineUpdate, deps: FanOutDependencies): Promise<void> {
  const planned = planDeliveries(update, deps.config);
  if (planned.length === 0) return;
  const now = () => deps.clock().toISOString();
  const key = { incidentId: update.incidentId, seq: update.seq };
  await Promise.all(planned.map((row) => deps.ledger.putIfAbsent({ ...key, updateId: update.id, ...row }, now())));

  const published = await deps.ledger.publishedLocales(update.incidentId, update.seq);
  for (const locale of deps.config.locales) {
    const channels = planned.filter((row) => row.locale === locale && row.state === 'pending').map((row): Channel => row.channel);
    if (channels.length === 0) continue;
    let messageId = published.get(locale);
    if (messageId === undefined) {
      ({ messageId } = await deps.topic.publish(buildNotification(update, locale, channels, deps.config)));
      await deps.ledger.markPublished(update.incidentId, update.seq, locale, messageId, now());
    }
    if (channels.includes('email')) {
      // SNS mails every subscriber itself; once it has the message, the email delivery is done. A retry after a
      // crash between the publish record and this write settles it from the record (a second settle is a no-op).
      await deps.ledger.settle({ ...key, channel: 'email', locale }, { state: 'sent', externalId: messageId }, now());
    }
  }
}
