import type { Config } from '../../core/config/config-schema.js';
import { buildNotification } from '../../core/delivery/build-notification.js';
import { planDeliveries } from '../../core/delivery/plan-deliveries.js';
import type { TimelineUpdate } from '../../core/incident/model.js';
import type { Channel } from '../../core/incident/vocabulary.js';
import type { Clock } from '../../core/ports/clock.js';
import type { DeliveryLedger } from '../../core/ports/delivery-ledger.js';
import type { EmailWork } from '../../core/ports/email-work.js';
import type { Logger } from '../../core/ports/logger.js';
import type { Metrics } from '../../core/ports/metrics.js';
import type { NotificationTopic } from '../../core/ports/notification-topic.js';
import type { TimerSchedule } from '../../core/ports/timer-schedule.js';

export interface FanOutDependencies {
  config: Config;
  ledger: DeliveryLedger;
  topic: NotificationTopic;
  /** Where subscription mails (confirmations) are handed to the email senders. */
  emailWork: Pick<EmailWork, 'send'>;
  /** Where the update's timers (its "next update by" promise) are kept. */
  timers: TimerSchedule;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

/**
 * Sends one stored update on its way: ledger rows first (conditional, so a redelivered stream record
 * finds them), then one publish per locale not yet published, each recorded right after the topic
 * accepts it. A crash between the publish and its record is the one window left; every channel's
 * ledger (rows, and for email each recipient) makes the second copy a no-op.
 *
 * @example
 * await fanOutUpdate(update, { config, ledger, topic, clock, logger, metrics });
 */
export async function fanOutUpdate(update: TimelineUpdate, deps: FanOutDependencies): Promise<void> {
  const planned = planDeliveries(update, deps.config);
  const log = deps.logger.withKeys({ incidentId: update.incidentId, seq: update.seq, updateId: update.id });
  if (planned.length === 0) {
    log.info('update sends nothing (notify: false)');
    return;
  }
  const now = () => deps.clock().toISOString();
  const key = { incidentId: update.incidentId, seq: update.seq };
  // The rows and the publish records are independent reads and writes: one round trip for both.
  const [published] = await Promise.all([
    deps.ledger.publishedLocales(update.incidentId, update.seq),
    ...planned.map((row) => deps.ledger.putIfAbsent({ ...key, updateId: update.id, ...row }, now())),
  ]);
  // Locales are published side by side, each with its own message and record. Every locale runs to
  // its end before a failure is reported, so a locale that did publish has recorded it for the retry.
  const outcomes = await Promise.allSettled(
    deps.config.locales.map(async (locale) => {
      const channels = planned.filter((row) => row.locale === locale && row.state === 'pending').map((row): Channel => row.channel);
      if (channels.length === 0 || published.has(locale)) return;
      const { messageId } = await deps.topic.publish(buildNotification(update, locale, channels, deps.config));
      await deps.ledger.markPublished(update.incidentId, update.seq, locale, messageId, now());
      const lagMs = deps.clock().getTime() - Date.parse(update.createdAt);
      deps.metrics.record('FanOutLag', Math.max(0, lagMs), {});
      log.info('published', { locale, channels, messageId, lagMs });
    }),
  );
  const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure) throw failure.reason;
}
