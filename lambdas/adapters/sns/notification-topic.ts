import { PublishCommand } from '@aws-sdk/client-sns';
import type { MessageAttributeValue, SNSClient } from '@aws-sdk/client-sns';
import type { NotificationAttributes } from '../../core/channels/filter-policy.js';
import type { Notification } from '../../core/delivery/build-notification.js';
import type { NotificationTopic } from '../../core/ports/notification-topic.js';

/**
 * One publish per update and locale to the FIFO topic; SNS copies it to each channel's FIFO queue
 * whose filter policy matches (the channel catalog's), so the work per update is constant whatever
 * the audience, and each channel sees an incident's updates in the order they were written.
 *
 * @example
 * const topic = new SnsNotificationTopic(new SNSClient({}), process.env.TOPIC_ARN!);
 * await topic.publish(buildNotification(update, 'en', ['email', 'x'], config));
 */
export class SnsNotificationTopic implements NotificationTopic {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(notification: Notification): Promise<{ messageId: string }> {
    const { MessageId } = await this.sns.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        // Every subscription is a queue with raw delivery: the body each channel reads is the envelope itself.
        Message: JSON.stringify(notification.envelope),
        MessageAttributes: toMessageAttributes(notification.attributes),
        // The topic is FIFO: each channel's FIFO queue receives an incident's updates in order, per locale.
        MessageGroupId: notification.ordering.groupId,
        MessageDeduplicationId: notification.ordering.deduplicationId,
      }),
    );
    if (!MessageId) throw new Error(`SNS accepted a publish to ${this.topicArn} without returning a MessageId`);
    return { messageId: MessageId };
  }
}

function toMessageAttributes(attributes: NotificationAttributes): Record<string, MessageAttributeValue> {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      Array.isArray(value)
        ? { DataType: 'String.Array', StringValue: JSON.stringify(value) }
        : { DataType: 'String', StringValue: value },
    ]),
  );
}
