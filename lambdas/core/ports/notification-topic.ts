import type { Notification } from '../delivery/build-notification.js';

/** Where the fan-out publishes one update in one locale: SNS deployed, the local router on a laptop. */
export interface NotificationTopic {
  publish(notification: Notification): Promise<{ messageId: string }>;
}
