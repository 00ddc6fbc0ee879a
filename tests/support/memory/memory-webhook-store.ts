import type { WebhookPage, WebhookStore } from '../../../lambdas/core/ports/webhook-store.js';
import type { WebhookHealth } from '../../../lambdas/core/webhooks/webhook-health.js';
import type { WebhookSubscriber } from '../../../lambdas/core/webhooks/webhook-subscriber.js';

/** Webhook subscribers in memory, by id (ids sort by creation, as the table's sort key does). */
export class MemoryWebhookStore implements WebhookStore {
  private readonly subscribers = new Map<string, WebhookSubscriber>();

  async create(subscriber: WebhookSubscriber): Promise<void> {
    if (this.subscribers.has(subscriber.id)) throw new Error(`webhook ${subscriber.id} exists`);
    this.subscribers.set(subscriber.id, structuredClone(subscriber));
  }

  async get(webhookId: string): Promise<WebhookSubscriber | undefined> {
    return structuredClone(this.subscribers.get(webhookId));
  }

  async remove(webhookId: string): Promise<boolean> {
    return this.subscribers.delete(webhookId);
  }

  async list(options: { limit: number; cursor?: string }): Promise<WebhookPage> {
    const newestFirst = [...this.subscribers.values()].sort((a, b) => (a.id < b.id ? 1 : -1)).filter((subscriber) => options.cursor === undefined || subscriber.id < options.cursor);
    const items = newestFirst.slice(0, options.limit);
    return { items: structuredClone(items), nextCursor: newestFirst.length > options.limit ? items.at(-1)!.id : null };
  }

  async all(): Promise<WebhookSubscriber[]> {
    return structuredClone([...this.subscribers.values()]);
  }

  async recordHealth(webhookId: string, health: WebhookHealth): Promise<void> {
    const subscriber = this.subscribers.get(webhookId);
    if (!subscriber) return;
    const { state, createdAt, id, url, format, locale, components } = subscriber;
    this.subscribers.set(webhookId, { id, url, format, locale, components, createdAt, ...structuredClone(health), state: health.state ?? state });
  }
}
