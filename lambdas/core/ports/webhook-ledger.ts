import type { DeliveryKey } from './delivery-ledger.js';

/** One webhook subscriber's delivery of one update in one locale. */
export interface WebhookRecipientKey {
  incidentId: string;
  seq: number;
  locale: string;
  webhookId: string;
}

export type SettledWebhookState = 'sent' | 'failed' | 'suppressed';

export type WebhookRecipientState = { state: 'planned'; attempts: number } | { state: SettledWebhookState; attempts: number };

/**
 * The webhook channel's ledger below the delivery row of each update × locale: who was planned (once,
 * however often the planner runs), each recipient settled once, and the row's `recipients` counts
 * moved in the same transaction as the settlement that makes them happen once.
 *
 * @example
 * const pending = await ledger.plan(delivery, ['whk_…'], now);
 * if ((await ledger.recipient(key))?.state === 'planned') { post(); await ledger.settle(key, 'sent', undefined, now); }
 */
export interface WebhookLedger {
  /**
   * Plans the delivery the first time: each subscriber recorded and counted once, then the planning
   * closed. A later call plans no one new. Answers the planned recipients not yet settled.
   */
  plan(delivery: DeliveryKey, webhookIds: readonly string[], now: string): Promise<string[]>;
  recipient(key: WebhookRecipientKey): Promise<WebhookRecipientState | undefined>;
  /** One more attempt made, and why it failed. */
  recordAttempt(key: WebhookRecipientKey, detail: string, now: string): Promise<void>;
  /** Settles a planned recipient and counts it; false when it was already settled. */
  settle(key: WebhookRecipientKey, state: SettledWebhookState, detail: string | undefined, now: string): Promise<boolean>;
  /** Marks the row `sent` once its planning is closed and every recipient settled; true when this call did. */
  completeIfDone(delivery: DeliveryKey, now: string): Promise<boolean>;
}
