import type { Delivery } from '../incident/answer-schemas.js';
import type { RedriveRequest } from '../delivery/redrive-request.js';
import type { Channel } from '../incident/vocabulary.js';

export interface DeliveryKey {
  incidentId: string;
  seq: number;
  channel: Channel;
  locale: string;
}

export type NewDelivery = DeliveryKey & Pick<Delivery, 'updateId' | 'state' | 'detail'>;

/**
 * What a channel handler learns when it tries to take a delivery for itself. Held elsewhere, the
 * claim says until when (epoch ms), when the row has a lease: the copy waits that long, no longer.
 */
export type ClaimOutcome = { outcome: 'claimed' } | { outcome: 'already-settled' } | { outcome: 'in-flight-elsewhere'; leaseUntil?: number };

export interface DeliveryOutcome {
  /** `skipped`: the channel could not be used at all (X without credentials); nothing was attempted. */
  state: 'sent' | 'failed' | 'skipped';
  externalId?: string;
  detail?: string;
}

/**
 * The delivery ledger: one row per update × channel × locale, and one publish record per update ×
 * locale. Every transition is conditional, which is what turns at-least-once delivery (streams,
 * SNS, SQS) into an effect that happens once.
 *
 * @example
 * if ((await ledger.claim(key, now, now + 60_000, iso)).outcome === 'claimed') { post(); await ledger.settle(key, { state: 'sent' }, iso); }
 */
export interface DeliveryLedger {
  /** Writes the row unless it exists (a redelivered stream record finds its rows); true when written. */
  putIfAbsent(row: NewDelivery, now: string): Promise<boolean>;
  /** Locales of this update already published, each with its message id. */
  publishedLocales(incidentId: string, seq: number): Promise<Map<string, string>>;
  markPublished(incidentId: string, seq: number, locale: string, messageId: string, now: string): Promise<void>;
  get(key: DeliveryKey): Promise<Delivery | undefined>;
  /** Takes a pending delivery for one attempt, leased until `leaseUntil` (epoch ms). */
  claim(key: DeliveryKey, nowMs: number, leaseUntil: number, now: string): Promise<ClaimOutcome>;
  /**
   * Gives a claimed delivery back after a retryable failure, keeping its attempt count; false when
   * it is no longer pending (another copy settled it meanwhile), which leaves it as it is.
   */
  release(key: DeliveryKey, detail: string, now: string): Promise<boolean>;
  /** Settles a pending delivery once; false when it was already settled (a redelivery). */
  settle(key: DeliveryKey, outcome: DeliveryOutcome, now: string): Promise<boolean>;
  /** Every row of an incident, in update, channel and locale order. */
  listForIncident(incidentId: string): Promise<Delivery[]>;
  /**
   * Resets the request's rows from `failed` to `pending` (counting the redrive on each) and stores the
   * request, all or nothing; false, with nothing written, when one of them is no longer `failed`.
   */
  redrive(request: RedriveRequest): Promise<boolean>;
}
