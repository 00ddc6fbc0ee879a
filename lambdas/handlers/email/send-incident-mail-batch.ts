import { leaseWaitSeconds } from '../../core/delivery/lease-wait.js';
import { composeIncidentMail } from '../../core/email/compose-incident-mail.js';
import type { IncidentMailBatch } from '../../core/email/email-tasks.js';
import type { BatchCounts, RecipientClaim, RecipientKey } from '../../core/ports/email-ledger.js';
import type { Logger } from '../../core/ports/logger.js';
import { MailRejected, MailThrottled } from '../../core/ports/mail-sender.js';
import { subscriptionLinks } from '../../core/subscribers/subscription-links.js';
import type { EmailSenderDependencies } from './email-dependencies.js';
import { putBackForLater } from './put-back-for-later.js';
import { loadUpdate } from './load-update.js';

/** A claim keeps other copies of the batch away from a recipient for one send, with a wide margin. */
const leaseMs = 60_000;
/** Another copy holding a recipient finishes it in well under a second, or its lease runs out: look again then. */
const heldElsewhereRetrySeconds = leaseMs / 1000;

/**
 * Mails one batch of an update, each recipient at most once: a recipient is claimed just before its
 * send and settled right after, so a redelivered or retried batch skips who is done, and only a crash
 * inside one SES call can repeat that one call. Subscribers who left since planning are recorded as
 * suppressed. When every recipient is settled the batch is counted into the delivery once; when some
 * cannot be finished now (SES throttling, another worker holding one) the batch is put back on the
 * queue as a fresh, delayed message, so waiting out a surge never uses up its receives. Any other
 * failure throws: the queue retries the message and, past its receive limit, parks it in the DLQ.
 *
 * @example
 * await sendIncidentMailBatch(batch, deps, pacer, log);
 */
export async function sendIncidentMailBatch(
  batch: IncidentMailBatch,
  deps: EmailSenderDependencies,
  pacer: { wait(): Promise<void> },
  log: Logger,
): Promise<void> {
  const delivery = { incidentId: batch.incidentId, seq: batch.seq, channel: 'email' as const, locale: batch.locale };
  if (await deps.ledger.isBatchRecorded(batch)) {
    // A copy that died between counting the batch and completing the delivery: finish what it began,
    // or a delivery whose last batch this was would stay pending for good.
    await deps.ledger.completeIfDone(delivery, deps.clock().toISOString());
    return;
  }
  const update = await loadUpdate(deps.incidents, batch);
  const tokens = await deps.tokens();
  const subscribers = new Map((await deps.subscribers.getMany(batch.subscriberIds)).map((subscriber) => [subscriber.id, subscriber]));
  const counts: BatchCounts = { sent: 0, failed: 0, suppressed: 0 };
  const tally = (claim: RecipientClaim & { outcome: 'settled' }) => {
    // Settled in another language means mailed already (the subscriber changed locale mid-send): not again.
    counts[claim.locale === batch.locale ? claim.state : 'suppressed']++;
  };
  // `throttled` is worth a warning; a copy of the batch meeting another copy at work is routine.
  let unfinished: { reason: string; retryAfterSeconds: number; throttled: boolean } | undefined;

  for (const subscriberId of batch.subscriberIds) {
    const key: RecipientKey = { incidentId: batch.incidentId, seq: batch.seq, shard: batch.shard, subscriberId };
    const now = deps.clock();
    const subscriber = subscribers.get(subscriberId);
    if (subscriber?.state !== 'confirmed') {
      const why = subscriber ? `the subscriber is ${subscriber.state}` : 'the subscriber is no longer on the list';
      const skipped = await deps.ledger.skipRecipient(key, batch.locale, why, now.toISOString());
      if (skipped.outcome === 'settled') tally(skipped);
      else unfinished ??= { reason: `recipient ${subscriberId} is held by another worker`, retryAfterSeconds: heldElsewhereRetrySeconds, throttled: false };
      continue;
    }
    const claim = await deps.ledger.claimRecipient(key, batch.locale, now.getTime(), now.getTime() + leaseMs, now.toISOString());
    if (claim.outcome === 'settled') {
      tally(claim);
      continue;
    }
    if (claim.outcome === 'in-flight-elsewhere') {
      const retryAfterSeconds = leaseWaitSeconds(claim.leaseUntil, now.getTime(), heldElsewhereRetrySeconds);
      unfinished ??= { reason: `recipient ${subscriberId} is held by another worker`, retryAfterSeconds, throttled: false };
      continue;
    }
    const mail = composeIncidentMail(update, subscriber, batch.locale, deps.config, subscriptionLinks(deps.publicBaseUrl(), subscriber, tokens));
    await pacer.wait();
    try {
      const { messageId } = await deps.mailSender.send(mail);
      if (await deps.ledger.settleRecipient(key, { state: 'sent', messageId }, deps.clock().toISOString())) counts.sent++;
      else unfinished ??= { reason: `the claim on recipient ${subscriberId} ran out while sending`, retryAfterSeconds: 0, throttled: false };
    } catch (error) {
      if (error instanceof MailRejected) {
        if (await deps.ledger.settleRecipient(key, { state: 'failed', detail: error.message }, deps.clock().toISOString())) counts.failed++;
        log.warn('a recipient’s mail was refused for good', { subscriberId, reason: error.message });
        continue;
      }
      const reason = error instanceof Error ? error.message : String(error);
      await deps.ledger.releaseRecipient(key, reason, deps.clock().toISOString());
      if (!(error instanceof MailThrottled)) throw error;
      // Throttled: the rest of the batch would only meet the same answer; put it all back for later.
      deps.metrics.record('MailThrottled', 1, {});
      unfinished = { reason, retryAfterSeconds: error.retryAfterSeconds, throttled: true };
      break;
    }
  }

  if (unfinished) {
    deps.metrics.record('DeliveryRetried', 1, { channel: 'email' });
    const details = { shard: batch.shard, page: batch.page, batch: batch.batch, reason: unfinished.reason, retryAfterSeconds: unfinished.retryAfterSeconds, settled: counts };
    if (unfinished.throttled) log.warn('email batch comes back later', details);
    else log.info('email batch comes back later', details);
    await putBackForLater(batch, unfinished.retryAfterSeconds, deps.work);
    return;
  }
  const now = deps.clock().toISOString();
  if (await deps.ledger.recordBatch(batch, counts, now)) {
    if (counts.sent > 0) deps.metrics.record('DeliverySent', counts.sent, { channel: 'email' });
    if (counts.failed > 0) deps.metrics.record('DeliveryFailed', counts.failed, { channel: 'email' });
    log.info('email batch settled', { shard: batch.shard, page: batch.page, batch: batch.batch, ...counts });
  }
  await deps.ledger.completeIfDone(delivery, now);
}
