import { queuedChannels } from '../../lambdas/core/channels/channel-catalog.js';
import { matchesFilterPolicy } from '../../lambdas/core/channels/filter-policy.js';
import type { Config } from '../../lambdas/core/config/config-schema.js';
import type { Notification } from '../../lambdas/core/delivery/build-notification.js';
import type { NotificationTopic } from '../../lambdas/core/ports/notification-topic.js';
import type { LocalQueue } from './local-queue.js';

/**
 * The local SNS FIFO topic: routes each publish to every channel's FIFO queue whose filter policy
 * (the channel catalog's, the same the deployed subscriptions carry) matches, with the envelope as
 * the raw body and the publish's message group and deduplication id.
 */
export class LocalTopic implements NotificationTopic {
  private published = 0;

  constructor(
    private readonly config: Config,
    private readonly queues: Partial<Record<string, LocalQueue>>,
  ) {}

  async publish(notification: Notification): Promise<{ messageId: string }> {
    const envelope = JSON.stringify(notification.envelope);
    for (const channel of queuedChannels) {
      if (matchesFilterPolicy(channel.filterPolicy(this.config), notification.attributes)) this.queues[channel.name]?.send(envelope, 0, notification.ordering);
    }
    return { messageId: `local-sns-${++this.published}` };
  }
}
