import { PublishCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import type { MessageAttributeValue, SNSClient } from '@aws-sdk/client-sns';
import type { FilterPolicy } from '../../core/channels/channel-catalog.js';
import type { NotificationAttributes } from '../../core/channels/filter-policy.js';
import type { Notification } from '../../core/delivery/build-notification.js';
import type { EmailSubscriptions } from '../../core/ports/email-subscriptions.js';
import type { NotificationTopic } from '../../core/ports/notification-topic.js';

/**
 * One publish per update and locale. `MessageStructure: json` lets one publish carry the mail text for
 * SNS's email protocol and the JSON envelope for the queues, so SNS does the per-subscriber fan-out.
 *
 * @example
 * const topic = new SnsNotificationTopic(new SNSClient({}), process.env.TOPIC_ARN!);
 * await topic.publish(buildNotification(update, 'en', ['email', 'x'], config));
 */
export class SnsNotificationTopic implements NotificationTopic, EmailSubscriptions {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(notification: Notification): Promise<{ messageId: string }> {
    const envelope = JSON.stringify(notification.envelope);
    const { MessageId } = await this.sns.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        MessageStructure: 'json',
        Message: JSON.stringify({
          default: envelope,
          sqs: envelope,
          ...(notification.email ? { email: notification.email.text } : {}),
        }),
        ...(notification.email ? { Subject: notification.email.subject } : {}),
        MessageAttributes: toMessageAttributes(notification.attributes),
      }),
    );
    if (!MessageId) throw new Error(`SNS accepted a publish to ${this.topicArn} without returning a MessageId`);
    return { messageId: MessageId };
  }

  async subscribe(email: string, filterPolicy: FilterPolicy): Promise<void> {
    await this.sns.send(
      new SubscribeCommand({
        TopicArn: this.topicArn,
        Protocol: 'email',
        Endpoint: email,
        Attributes: { FilterPolicy: JSON.stringify(filterPolicy), FilterPolicyScope: 'MessageAttributes' },
      }),
    );
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
