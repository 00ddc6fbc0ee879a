import type { IncidentMailBatch, PlanPageTask } from '../email/email-tasks.js';
import type { DeliveryKey } from './delivery-ledger.js';

/** One recipient's mail of one update. The locale is not part of it: nobody gets an update twice, in any language. */
export interface RecipientKey {
  incidentId: string;
  seq: number;
  shard: number;
  subscriberId: string;
}

export type SettledRecipient = 'sent' | 'failed' | 'suppressed';

/** What a worker learns when it tries to take a recipient's mail for itself. */
export type RecipientClaim =
  | { outcome: 'claimed' }
  | { outcome: 'settled'; state: SettledRecipient; locale: string }
  /** Another worker holds it, until `leaseUntil` (epoch ms) when the recipient has a lease. */
  | { outcome: 'in-flight-elsewhere'; leaseUntil?: number };

/** The recipients a page planned, and where the shard's next page starts (`null`: the shard is done). */
export interface PlannedPage {
  subscriberIds: string[];
  nextCursor: string | null;
}

/** The first page of one shard, read when the delivery begins. */
export interface FirstPage extends PlannedPage {
  shard: number;
}

/** A delivery as begun: its first pages as recorded the first time, and whether they were handed on. */
export interface BegunDelivery {
  firstPages: FirstPage[];
  firstPagesQueued: boolean;
}

/** A page as recorded: `queued` once its batches and the next page were handed on. */
export interface RecordedPage extends PlannedPage {
  queued: boolean;
}

export interface RecipientOutcome {
  state: 'sent' | 'failed';
  messageId?: string;
  detail?: string;
}

export interface BatchCounts {
  sent: number;
  failed: number;
  suppressed: number;
}

/**
 * The email channel's ledger, below the delivery row of each update × locale: which pages were
 * planned (and whom they chose), which recipient got which update (claimed, then settled once), and
 * the counts of the delivery row (planned, sent, failed, suppressed), each counted exactly once
 * however often a task is delivered. The row is `sent` once every shard is planned and every planned
 * recipient is settled.
 *
 * @example
 * const claim = await ledger.claimRecipient(key, locale, nowMs, nowMs + 60_000, now);
 * if (claim.outcome === 'claimed') { await sender.send(mail); await ledger.settleRecipient(key, { state: 'sent' }, now); }
 */
export interface EmailLedger {
  /**
   * Begins the delivery, the first time, with the first page of every shard in one step: the pages
   * are recorded, their recipients counted as planned, and the shards with more pages left to plan.
   * Later calls change nothing and answer the pages recorded then (so a repeated start hands on the
   * very same recipients), and whether they were already handed on (`markFirstPagesQueued`).
   */
  beginPlanning(delivery: DeliveryKey, firstPages: readonly FirstPage[], now: string): Promise<BegunDelivery>;
  /** The first pages' batches and the shards' next pages were handed on. */
  markFirstPagesQueued(delivery: DeliveryKey, now: string): Promise<void>;
  /**
   * Records a later page (1 and on) and counts its recipients into the delivery, the first time; afterwards it
   * answers the page recorded then, so a repeated task plans the very same recipients.
   */
  recordPage(task: PlanPageTask, page: PlannedPage, now: string): Promise<RecordedPage>;
  /** The page's batches and its shard's next page were handed on: a repeated task need not do it again. */
  markPageQueued(task: PlanPageTask, now: string): Promise<void>;
  /** Takes a recipient's mail for one attempt, leased until `leaseUntil` (epoch ms). */
  claimRecipient(key: RecipientKey, locale: string, nowMs: number, leaseUntil: number, now: string): Promise<RecipientClaim>;
  /** Settles a claimed recipient; false when the claim was lost meanwhile (its lease ran out). */
  settleRecipient(key: RecipientKey, outcome: RecipientOutcome, now: string): Promise<boolean>;
  /** Gives a claimed recipient back after a retryable failure. */
  releaseRecipient(key: RecipientKey, detail: string, now: string): Promise<void>;
  /** Records a recipient not mailed (unsubscribed or suppressed since planning), unless already settled. */
  skipRecipient(key: RecipientKey, locale: string, reason: string, now: string): Promise<RecipientClaim>;
  /** Whether a batch was already counted: a redelivered batch then needs no work at all. */
  isBatchRecorded(batch: IncidentMailBatch): Promise<boolean>;
  /** Counts a batch whose every recipient is settled into its delivery row, once; true the first time. */
  recordBatch(batch: IncidentMailBatch, counts: BatchCounts, now: string): Promise<boolean>;
  /** Marks the delivery `sent` when every shard is planned and every planned recipient settled; true when this call did. */
  completeIfDone(delivery: DeliveryKey, now: string): Promise<boolean>;
  /** Takes a subscription mail request for one attempt; `done` when it was already sent (or skipped). */
  claimMailRequest(requestId: string, nowMs: number, leaseUntil: number, now: string): Promise<'claimed' | 'done' | 'in-flight-elsewhere'>;
  /** The request is done: sent (with the provider's id) or found unnecessary. */
  settleMailRequest(requestId: string, result: { messageId?: string; detail?: string }, now: string): Promise<void>;
  /** Gives a claimed request back after a retryable failure. */
  releaseMailRequest(requestId: string, detail: string, now: string): Promise<void>;
}
