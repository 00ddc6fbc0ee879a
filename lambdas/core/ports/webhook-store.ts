import type { WebhookHealth } from '../webhooks/webhook-health.js';
import type { WebhookSubscriber } from '../webhooks/webhook-subscriber.js';

export interface WebhookPage {
  items: WebhookSubscriber[];
  nextCursor: string | null;
}

/** The webhook and chat subscribers. */
export interface WebhookStore {
  create(subscriber: WebhookSubscriber): Promise<void>;
  get(webhookId: string): Promise<WebhookSubscriber | undefined>;
  /** Removes it; true when it existed. */
  remove(webhookId: string): Promise<boolean>;
  /** Newest first, `limit` at a time. */
  list(options: { limit: number; cursor?: string }): Promise<WebhookPage>;
  /** Every subscriber, read consistently: what the planner chooses from. */
  all(): Promise<WebhookSubscriber[]>;
  /** Records how its deliveries go; nothing when it was removed meanwhile. */
  recordHealth(webhookId: string, health: WebhookHealth): Promise<void>;
}
