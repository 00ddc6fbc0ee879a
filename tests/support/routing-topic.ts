import type { NotificationTopic } from '../../lambdas/core/ports/notification-topic.js';
import { queuedChannels } from '../../lambdas/core/channels/channel-catalog.js';
import { matchesFilterPolicy } from '../../lambdas/core/channels/filter-policy.js';
import type { Config } from '../../lambdas/core/config/config-schema.js';
import type { Notification } from '../../lambdas/core/delivery/build-notification.js';

/**
 * The SNS FIFO topic as the queues see it: records every publish and hands each queued channel the
 * SQS envelope its catalog filter policy lets through, with the publish's group and deduplication id.
 */
export class RoutingTopic implements NotificationTopic {
  readonly published: Notification[] = [];

  constructor(
    private readonly config: Config,
    private readonly queues: Partial<Record<string, { send(body: string, delaySeconds?: number, ordering?: Notification['ordering']): void }>>,
  ) {}

  async publish(notification: Notification): Promise<{ messageId: string }> {
    this.published.push(notification);
    for (const channel of queuedChannels) {
      if (matchesFilterPolicy(channel.filterPolicy(this.config), notification.attributes)) this.queues[channel.name]?.send(JSON.stringify(notification.envelope), 0, notification.ordering);
    }
    return { messageId: `sns-${this.published.length}` };
  }

  /** How often each update went out in each locale: `incidentId#seq#locale` → publishes. */
  publishCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const { envelope } of this.published) {
      const key = `${envelope.incidentId}#${envelope.seq}#${envelope.locale}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }
}
