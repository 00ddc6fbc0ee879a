import { randomUUID } from 'node:crypto';
import type { NotificationTopic } from '../../lambdas/core/ports/notification-topic.js';
import { channelCatalog, queuedChannels } from '../../lambdas/core/channels/channel-catalog.js';
import { matchesFilterPolicy } from '../../lambdas/core/channels/filter-policy.js';
import type { Config } from '../../lambdas/core/config/config-schema.js';
import type { Notification } from '../../lambdas/core/delivery/build-notification.js';
import type { EmailOutbox } from './email-outbox.js';
import type { LocalQueue } from './local-queue.js';
import type { LocalSubscriptionBook } from './local-subscription-book.js';
import { unsubscribeFooter } from './subscription-mail-text.js';

/**
 * The local SNS topic: routes each publish with the channel catalog's filter policies (the same ones
 * the deployed subscriptions carry) to the queues, and mails each confirmed subscriber whose policy
 * matches, as SNS's email protocol would.
 */
export class LocalTopic implements NotificationTopic {
  constructor(
    private readonly config: Config,
    private readonly queues: Partial<Record<string, LocalQueue>>,
    private readonly subscribers: LocalSubscriptionBook,
    private readonly outbox: EmailOutbox,
    private readonly log: (line: string) => void,
  ) {}

  async publish(notification: Notification): Promise<{ messageId: string }> {
    const messageId = randomUUID();
    const envelope = JSON.stringify(notification.envelope);
    for (const channel of queuedChannels) {
      if (matchesFilterPolicy(channel.filterPolicy(this.config), notification.attributes)) this.queues[channel.name]?.send(envelope);
    }
    if (notification.email && matchesFilterPolicy(channelCatalog.email.filterPolicy(this.config), notification.attributes)) {
      const { subject, text } = notification.email;
      const recipients = (await this.subscribers.confirmed()).filter((subscriber) => matchesFilterPolicy(subscriber.filterPolicy, notification.attributes));
      for (const subscriber of recipients) {
        await this.outbox.write({
          to: subscriber.email,
          fromName: this.config.serviceName,
          subject,
          text: text + unsubscribeFooter(subscriber.locale, this.subscribers.unsubscribeLink(subscriber)),
        });
      }
      const { incidentId, seq, locale } = notification.envelope;
      this.log(`email  ${locale}  ${incidentId} #${seq} → ${recipients.length} confirmed subscriber${recipients.length === 1 ? '' : 's'}`);
    }
    return { messageId };
  }
}
