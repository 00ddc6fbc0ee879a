import type { DeliveryKey } from '../../../lambdas/core/ports/delivery-ledger.js';
import type { SettledWebhookState, WebhookLedger, WebhookRecipientKey, WebhookRecipientState } from '../../../lambdas/core/ports/webhook-ledger.js';
import type { MemoryDeliveryLedger } from './memory-delivery-ledger.js';

interface RecipientRow {
  state: 'planned' | SettledWebhookState;
  attempts: number;
  detail?: string;
}

/** The webhook ledger in memory, counting into the memory delivery ledger's rows as the DynamoDB adapter does. */
export class MemoryWebhookLedger implements WebhookLedger {
  private readonly recipients = new Map<string, RecipientRow>();
  private readonly progress = new Map<string, { outstanding: number; planningClosed: boolean }>();

  constructor(private readonly deliveries: MemoryDeliveryLedger) {}

  async plan(delivery: DeliveryKey, webhookIds: readonly string[], now: string): Promise<string[]> {
    const id = deliveryId(delivery);
    let progress = this.progress.get(id);
    if (!progress?.planningClosed) {
      const exists = this.deliveries.mutate(delivery, (row) => {
        row.recipients ??= { planned: 0, sent: 0, failed: 0, suppressed: 0 };
        row.updatedAt = now;
      });
      if (!exists) throw new Error(`no webhook delivery row for ${id}`);
      progress ??= { outstanding: 0, planningClosed: false };
      this.progress.set(id, progress);
      for (const webhookId of webhookIds) {
        const key = recipientId({ ...delivery, webhookId });
        if (this.recipients.has(key)) continue;
        this.recipients.set(key, { state: 'planned', attempts: 0 });
        progress.outstanding++;
        this.deliveries.mutate(delivery, (row) => void row.recipients!.planned++);
      }
      progress.planningClosed = true;
    }
    return [...this.recipients.entries()].filter(([key, row]) => key.startsWith(`${id}|`) && row.state === 'planned').map(([key]) => key.slice(id.length + 1));
  }

  async recipient(key: WebhookRecipientKey): Promise<WebhookRecipientState | undefined> {
    const row = this.recipients.get(recipientId(key));
    return row ? { state: row.state, attempts: row.attempts } : undefined;
  }

  async recordAttempt(key: WebhookRecipientKey, detail: string): Promise<void> {
    const row = this.recipients.get(recipientId(key));
    if (row?.state !== 'planned') return;
    row.attempts++;
    row.detail = detail;
  }

  async settle(key: WebhookRecipientKey, state: SettledWebhookState, detail: string | undefined, now: string): Promise<boolean> {
    const row = this.recipients.get(recipientId(key));
    if (row?.state !== 'planned') return false;
    row.state = state;
    if (state !== 'suppressed') row.attempts++;
    if (detail !== undefined) row.detail = detail;
    const delivery: DeliveryKey = { incidentId: key.incidentId, seq: key.seq, channel: 'webhook', locale: key.locale };
    this.progress.get(deliveryId(delivery))!.outstanding--;
    this.deliveries.mutate(delivery, (counted) => {
      counted.recipients![state]++;
      counted.updatedAt = now;
    });
    return true;
  }

  async completeIfDone(delivery: DeliveryKey, now: string): Promise<boolean> {
    const progress = this.progress.get(deliveryId(delivery));
    if (!progress?.planningClosed || progress.outstanding !== 0) return false;
    let completed = false;
    this.deliveries.mutate(delivery, (row) => {
      if (row.state !== 'pending') return;
      row.state = 'sent';
      row.updatedAt = now;
      completed = true;
    });
    return completed;
  }
}

function deliveryId(key: DeliveryKey): string {
  return `${key.incidentId}|${key.seq}|${key.locale}`;
}

function recipientId(key: WebhookRecipientKey): string {
  return `${deliveryId({ ...key, channel: 'webhook' })}|${key.webhookId}`;
}
