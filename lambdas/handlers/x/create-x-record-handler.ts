import type { SQSRecord } from 'aws-lambda';
import type { ChannelEnvelope } from '../../core/delivery/channel-envelope.js';
import { leaseWaitSeconds } from '../../core/delivery/lease-wait.js';
import type { DeliveryKey } from '../../core/ports/delivery-ledger.js';
import type { Logger } from '../../core/ports/logger.js';
import { longestVisibilitySeconds } from '../../core/ports/message-visibility.js';
import { XDuplicateContent, XNotConfigured, XRateLimited, XRejected, XTransientFailure } from '../../core/ports/x-post-errors.js';
import type { XPostRequest } from '../../core/ports/x-poster.js';
import { holdBack } from '../queued/hold-back.js';
import { readChannelEnvelope } from '../queued/read-channel-envelope.js';
import { findThreadParent } from './find-thread-parent.js';
import { postWithBackoff } from './post-with-backoff.js';
import type { XChannelDependencies } from './x-channel-dependencies.js';
import { XDeliveryDeferred, XDeliveryFailed } from './x-delivery-errors.js';

/**
 * How long a claim keeps other copies of the message away: past the function's own 30-second timeout
 * (the channel catalog's consumerTimeoutSeconds for X), after which the copy holding it is gone, and
 * past three timed-out attempts (3 × 8 s + backoff). No longer: a copy that died holding it (a crash)
 * keeps the thread waiting that long.
 */
const leaseSeconds = 35;
// Visibility counts from the receive, and SQS refuses a total above 12 hours: keep a margin for the time already spent.
const longestHoldSeconds = longestVisibilitySeconds - 300;

type Settings = Required<XChannelDependencies>;

/**
 * Handles one SQS record of the X FIFO queue: one update in one locale, posted once to X whatever
 * the number of deliveries, in the incident's thread. The queue hands over an incident's updates in
 * order, each only once the previous one is done, so the thread's order is the engine's and nothing
 * waits for anything. Returning reports the record done; throwing makes it a batch item failure,
 * received again later (after a visibility delay when one is known, which holds back only its own
 * incident and locale) or, past the queue's maxReceiveCount, moved to the DLQ. A delivery settled
 * `failed` throws on every receive, so its message always ends in the DLQ, next to the reason in
 * the ledger.
 *
 * @example
 * const recordHandler = createXRecordHandler({ ledger, poster, visibility, clock, logger, metrics });
 * await processPartialResponse(event, recordHandler, new SqsFifoPartialProcessorAsync(), { context, skipGroupOnError: true });
 */
export function createXRecordHandler(deps: XChannelDependencies): (record: SQSRecord) => Promise<void> {
  const settings: Settings = {
    ...deps,
    sleep: deps.sleep ?? ((milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds))),
    retryDelaysMs: deps.retryDelaysMs ?? [200, 400],
  };
  return async (record) => {
    const envelope = await readChannelEnvelope(record, settings);
    if (!envelope.x) return;
    const log = settings.logger.withKeys({ incidentId: envelope.incidentId, updateId: envelope.updateId, seq: envelope.seq, locale: envelope.locale, messageId: record.messageId });
    await deliverToX(record, envelope, envelope.x, settings, log);
  };
}

async function deliverToX(record: SQSRecord, envelope: ChannelEnvelope, x: NonNullable<ChannelEnvelope['x']>, d: Settings, log: Logger): Promise<void> {
  const key: DeliveryKey = { incidentId: envelope.incidentId, seq: envelope.seq, channel: 'x', locale: envelope.locale };
  const startedAt = d.clock();
  const claim = await d.ledger.claim(key, startedAt.getTime(), startedAt.getTime() + leaseSeconds * 1000, startedAt.toISOString());
  if (claim.outcome === 'in-flight-elsewhere') {
    await holdBack(record, leaseWaitSeconds(claim.leaseUntil, startedAt.getTime(), leaseSeconds), d.visibility, log);
    throw new XDeliveryDeferred(`another copy of this message holds the X delivery of update ${envelope.seq} (${envelope.locale}); retrying after its lease`);
  }
  if (claim.outcome === 'already-settled') return confirmSettled(record, key, d, log);

  const request: XPostRequest = { text: x.text, locale: envelope.locale, incidentId: envelope.incidentId, updateId: envelope.updateId };
  if (x.replyInThread) {
    const parent = await findThreadParent(d.ledger, key);
    if (parent.state === 'sent') request.inReplyTo = parent.postId;
  }

  let outcome: PostOutcome;
  try {
    outcome = await post(request, x, key, d, log);
  } catch (error) {
    return settleFailedPost(error, record, key, d, log);
  }
  // Outside the try: the post is out, so a failed write must not give the claim back; the lease expires, and the
  // retry's post is then refused by X as duplicate content, which settles the row.
  const settled = await d.ledger.settle(key, { state: 'sent', ...outcome }, d.clock().toISOString());
  if (settled) d.metrics.record('DeliverySent', 1, { channel: 'x' });
  log.info('posted to X', { ...outcome, inReplyTo: request.inReplyTo });
}

/** What the ledger records of a post: its id, and why it went out other than as rendered, if it did. */
interface PostOutcome {
  externalId?: string;
  detail?: string;
}

/**
 * Posts the update: in the thread when it has one, else on its own; when X refuses the reply
 * (its reply restrictions, a deleted parent), on its own with the reason recorded; when X refuses
 * the words as a duplicate of an earlier post that this delivery cannot have made, stamped with the
 * update's time.
 */
async function post(request: XPostRequest, x: NonNullable<ChannelEnvelope['x']>, key: DeliveryKey, d: Settings, log: Logger): Promise<PostOutcome> {
  let mayHavePostedBefore = false;
  const attempt = async (candidate: XPostRequest) => {
    try {
      return await postWithBackoff(d.poster, candidate, d.retryDelaysMs, d.sleep, () => (mayHavePostedBefore = true));
    } catch (error) {
      if (!(error instanceof XDuplicateContent) || mayHavePostedBefore || !x.distinctText || candidate.text === x.distinctText) throw error;
      // The first attempt of this delivery cannot be what X already holds: the same words went out for another update.
      if (((await d.ledger.get(key))?.attempts ?? 1) > 1) throw error;
      log.info('X holds these words from an earlier update; posting them stamped with the update time');
      return postWithBackoff(d.poster, { ...candidate, text: x.distinctText }, d.retryDelaysMs, d.sleep, () => (mayHavePostedBefore = true));
    }
  };
  try {
    const posted = await attempt(request);
    return { externalId: posted.id };
  } catch (error) {
    // 401 is the account's credentials, which no post of its own would pass either.
    if (!(error instanceof XRejected) || error.status === 401 || request.inReplyTo === undefined) throw error;
    const detail = `posted outside the thread: X refused the reply to ${request.inReplyTo} (HTTP ${error.status}: ${error.reason})`;
    log.warn('X refused the reply; posting the update on its own', { inReplyTo: request.inReplyTo, reason: error.reason });
    d.metrics.record('XReplyRefused', 1, {});
    const { inReplyTo: _refused, ...standalone } = request;
    const posted = await attempt(standalone);
    return { externalId: posted.id, detail };
  }
}

async function settleFailedPost(error: unknown, record: SQSRecord, key: DeliveryKey, d: Settings, log: Logger): Promise<void> {
  const now = d.clock();
  if (error instanceof XDuplicateContent) {
    if (await d.ledger.settle(key, { state: 'sent', detail: error.message }, now.toISOString())) d.metrics.record('DeliverySent', 1, { channel: 'x' });
    log.info('X reported duplicate content; settled as sent');
    return;
  }
  if (error instanceof XNotConfigured) {
    // Not a failure of this update: X was never set up. One metric per delivery, no DLQ, no alarm storm.
    if (await d.ledger.settle(key, { state: 'skipped', detail: error.message }, now.toISOString())) d.metrics.record('XCredentialsMissing', 1, {});
    log.warn('X is enabled but its credentials are not set; delivery skipped', { reason: error.message });
    return;
  }
  if (error instanceof XRejected) {
    if (await d.ledger.settle(key, { state: 'failed', detail: error.message }, now.toISOString())) d.metrics.record('DeliveryFailed', 1, { channel: 'x' });
    log.error('X delivery failed; the message goes to the DLQ', { reason: error.message });
    await holdBack(record, 0, d.visibility, log);
    throw new XDeliveryFailed(error.message, { cause: error });
  }
  if (error instanceof XRateLimited) {
    await d.ledger.release(key, error.message, now.toISOString());
    const seconds = Math.min(Math.max(error.resetAt - Math.floor(now.getTime() / 1000), 0) + 1, longestHoldSeconds);
    d.metrics.record('XRateLimitWait', seconds, {});
    log.warn('X rate limit reached; the message waits for the reset', { resetAt: error.resetAt, delaySeconds: seconds });
    await holdBack(record, seconds, d.visibility, log);
    throw new XDeliveryDeferred(error.message, { cause: error });
  }
  const reason = error instanceof XTransientFailure ? error.message : `unexpected error posting to X: ${messageOf(error)}`;
  await d.ledger.release(key, reason, now.toISOString());
  d.metrics.record('DeliveryRetried', 1, { channel: 'x' });
  log.warn('X delivery will be retried from the queue', { reason });
  throw new XDeliveryDeferred(reason, { cause: error });
}

/** A redelivered message: nothing is posted; a failed delivery keeps failing so its message reaches the DLQ. */
async function confirmSettled(record: SQSRecord, key: DeliveryKey, d: Settings, log: Logger): Promise<void> {
  const row = await d.ledger.get(key);
  if (row?.state === 'failed') {
    await holdBack(record, 0, d.visibility, log);
    throw new XDeliveryFailed(`the X delivery of update ${key.seq} (${key.locale}) failed: ${row.detail ?? 'no reason recorded'}`);
  }
  log.info('X delivery already settled; nothing posted', { state: row?.state });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
