import type { IncidentMailBatch, PlanPageTask } from '../../../lambdas/core/email/email-tasks.js';
import type { DeliveryKey } from '../../../lambdas/core/ports/delivery-ledger.js';
import type {
  BatchCounts,
  BegunDelivery,
  EmailLedger,
  FirstPage,
  PlannedPage,
  RecipientClaim,
  RecordedPage,
  RecipientKey,
  RecipientOutcome,
} from '../../../lambdas/core/ports/email-ledger.js';
import type { MemoryDeliveryLedger } from './memory-delivery-ledger.js';

interface RecipientRow {
  state: 'sending' | 'sent' | 'failed' | 'suppressed';
  locale: string;
  leaseUntil?: number;
  attempts: number;
  messageId?: string;
  detail?: string;
}

interface Progress {
  shardsPending: number;
  outstanding: number;
  firstPagesQueued: boolean;
}

/**
 * The email ledger in memory, with the DynamoDB adapter's rules (the same contract tests run on
 * both): pages and batches recorded once, their counts moved with them, recipients claimed under a
 * lease and settled once, the delivery row marked sent when nothing is outstanding.
 */
export class MemoryEmailLedger implements EmailLedger {
  private readonly progress = new Map<string, Progress>();
  private readonly pages = new Map<string, RecordedPage>();
  private readonly batches = new Set<string>();
  private readonly recipients = new Map<string, RecipientRow>();
  private readonly requests = new Map<string, { sentAt?: string; leaseUntil?: number; attempts: number; messageId?: string; detail?: string }>();

  constructor(
    private readonly deliveries: MemoryDeliveryLedger,
    /** Whether the subscriber list wrote this mail request (in DynamoDB they share the table). */
    private readonly isRequested: (requestId: string) => boolean,
  ) {}

  async beginPlanning(delivery: DeliveryKey, firstPages: readonly FirstPage[], now: string): Promise<BegunDelivery> {
    const id = deliveryId(delivery);
    const begun = this.progress.get(id);
    if (begun) {
      const recorded = firstPages.map(({ shard }) => ({ shard, ...this.pages.get(pageId({ ...delivery, shard, page: 0 }))! }));
      return { firstPages: recorded.map(({ shard, subscriberIds, nextCursor }) => ({ shard, subscriberIds: [...subscriberIds], nextCursor })), firstPagesQueued: begun.firstPagesQueued };
    }
    const planned = firstPages.reduce((sum, page) => sum + page.subscriberIds.length, 0);
    const exists = this.deliveries.mutate(delivery, (row) => {
      row.recipients = { planned, sent: 0, failed: 0, suppressed: 0 };
      row.updatedAt = now;
    });
    if (!exists) throw new Error(`no email delivery row for ${id}: the fan-out writes it before publishing`);
    this.progress.set(id, { shardsPending: firstPages.filter((page) => page.nextCursor !== null).length, outstanding: planned, firstPagesQueued: false });
    for (const page of firstPages) this.pages.set(pageId({ ...delivery, shard: page.shard, page: 0 }), { subscriberIds: [...page.subscriberIds], nextCursor: page.nextCursor, queued: false });
    return { firstPages: structuredClone([...firstPages]), firstPagesQueued: false };
  }

  async markFirstPagesQueued(delivery: DeliveryKey): Promise<void> {
    this.progressOf(delivery).firstPagesQueued = true;
  }

  async markPageQueued(task: PlanPageTask): Promise<void> {
    const page = this.pages.get(pageId(task));
    if (!page) throw new Error(`page ${pageId(task)} was never recorded`);
    page.queued = true;
  }

  async recordPage(task: PlanPageTask, page: PlannedPage, now: string): Promise<RecordedPage> {
    const id = pageId(task);
    const recorded = this.pages.get(id);
    if (recorded) return structuredClone(recorded);
    this.pages.set(id, { ...structuredClone(page), queued: false });
    const delivery = { incidentId: task.incidentId, seq: task.seq, channel: 'email' as const, locale: task.locale };
    const progress = this.progressOf(delivery);
    progress.outstanding += page.subscriberIds.length;
    if (page.nextCursor === null) progress.shardsPending -= 1;
    this.deliveries.mutate(delivery, (row) => {
      row.recipients!.planned += page.subscriberIds.length;
      row.updatedAt = now;
    });
    return { ...page, queued: false };
  }

  async claimRecipient(key: RecipientKey, locale: string, nowMs: number, leaseUntil: number): Promise<RecipientClaim> {
    const row = this.recipients.get(recipientId(key));
    if (!row || (row.state === 'sending' && (row.leaseUntil ?? 0) < nowMs)) {
      this.recipients.set(recipientId(key), { state: 'sending', locale, leaseUntil, attempts: (row?.attempts ?? 0) + 1 });
      return { outcome: 'claimed' };
    }
    return claimOf(row);
  }

  async settleRecipient(key: RecipientKey, outcome: RecipientOutcome): Promise<boolean> {
    const row = this.recipients.get(recipientId(key));
    if (row?.state !== 'sending') return false;
    row.state = outcome.state;
    delete row.leaseUntil;
    if (outcome.messageId !== undefined) row.messageId = outcome.messageId;
    if (outcome.detail !== undefined) row.detail = outcome.detail;
    return true;
  }

  async releaseRecipient(key: RecipientKey, detail: string): Promise<void> {
    const row = this.recipients.get(recipientId(key));
    if (row?.state !== 'sending') return;
    row.detail = detail;
    delete row.leaseUntil;
  }

  async skipRecipient(key: RecipientKey, locale: string, reason: string): Promise<RecipientClaim> {
    const row = this.recipients.get(recipientId(key));
    if (row) return claimOf(row);
    this.recipients.set(recipientId(key), { state: 'suppressed', locale, detail: reason, attempts: 0 });
    return { outcome: 'settled', state: 'suppressed', locale };
  }

  async isBatchRecorded(batch: IncidentMailBatch): Promise<boolean> {
    return this.batches.has(batchId(batch));
  }

  async recordBatch(batch: IncidentMailBatch, counts: BatchCounts, now: string): Promise<boolean> {
    const id = batchId(batch);
    if (this.batches.has(id)) return false;
    this.batches.add(id);
    const delivery = { incidentId: batch.incidentId, seq: batch.seq, channel: 'email' as const, locale: batch.locale };
    this.progressOf(delivery).outstanding -= counts.sent + counts.failed + counts.suppressed;
    this.deliveries.mutate(delivery, (row) => {
      row.recipients!.sent += counts.sent;
      row.recipients!.failed += counts.failed;
      row.recipients!.suppressed += counts.suppressed;
      row.updatedAt = now;
    });
    return true;
  }

  async completeIfDone(delivery: DeliveryKey, now: string): Promise<boolean> {
    const progress = this.progress.get(deliveryId(delivery));
    if (!progress || progress.outstanding !== 0 || progress.shardsPending !== 0) return false;
    let completed = false;
    this.deliveries.mutate(delivery, (row) => {
      if (row.state !== 'pending') return;
      row.state = 'sent';
      row.updatedAt = now;
      completed = true;
    });
    return completed;
  }

  async claimMailRequest(requestId: string, nowMs: number, leaseUntil: number): Promise<'claimed' | 'done' | 'in-flight-elsewhere'> {
    // A request no longer (or never) written expired unsent long ago: there is nothing left to do for it.
    if (!this.isRequested(requestId)) return 'done';
    const request = this.requests.get(requestId) ?? { attempts: 0 };
    if (request.sentAt) return 'done';
    if (request.leaseUntil !== undefined && request.leaseUntil >= nowMs) return 'in-flight-elsewhere';
    this.requests.set(requestId, { ...request, leaseUntil, attempts: request.attempts + 1 });
    return 'claimed';
  }

  async settleMailRequest(requestId: string, result: { messageId?: string; detail?: string }, now: string): Promise<void> {
    const request = this.requests.get(requestId) ?? { attempts: 0 };
    if (request.sentAt) return;
    this.requests.set(requestId, { attempts: request.attempts, sentAt: now, ...result });
  }

  async releaseMailRequest(requestId: string, detail: string): Promise<void> {
    const request = this.requests.get(requestId);
    if (!request || request.sentAt) return;
    delete request.leaseUntil;
    request.detail = detail;
  }

  /** Test seam: a recipient's row as it stands. */
  recipient(key: RecipientKey): RecipientRow | undefined {
    return structuredClone(this.recipients.get(recipientId(key)));
  }

  private progressOf(delivery: DeliveryKey): Progress {
    const progress = this.progress.get(deliveryId(delivery));
    if (!progress) throw new Error(`email delivery ${deliveryId(delivery)} was never begun`);
    return progress;
  }
}

function deliveryId(key: DeliveryKey): string {
  return `${key.incidentId}|${key.seq}|${key.channel}|${key.locale}`;
}

function pageId(task: Pick<PlanPageTask, 'incidentId' | 'seq' | 'locale' | 'shard' | 'page'>): string {
  return `${task.incidentId}|${task.seq}|${task.locale}|${task.shard}|${task.page}`;
}

function batchId(batch: IncidentMailBatch): string {
  return `${batch.incidentId}|${batch.seq}|${batch.locale}|${batch.shard}|${batch.page}|${batch.batch}`;
}

function recipientId(key: RecipientKey): string {
  return `${key.incidentId}|${key.seq}|${key.shard}|${key.subscriberId}`;
}

function claimOf(row: RecipientRow): RecipientClaim {
  if (row.state !== 'sending') return { outcome: 'settled', state: row.state, locale: row.locale };
  return { outcome: 'in-flight-elsewhere', ...(row.leaseUntil === undefined ? {} : { leaseUntil: row.leaseUntil }) };
}
