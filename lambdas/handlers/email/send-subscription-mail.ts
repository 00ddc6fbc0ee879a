import { composeSubscriptionMail } from '../../core/email/compose-subscription-mail.js';
import type { SubscriptionMailTask } from '../../core/email/email-tasks.js';
import type { Logger } from '../../core/ports/logger.js';
import { MailRejected, MailThrottled } from '../../core/ports/mail-sender.js';
import { subscriptionLinks } from '../../core/subscribers/subscription-links.js';
import type { EmailSenderDependencies } from './email-dependencies.js';
import { putBackForLater } from './put-back-for-later.js';

const leaseMs = 60_000;

/**
 * Sends the confirmation (or "already subscribed") mail a subscribe request asked for, once. A mail
 * that is no longer due — the address confirmed, unsubscribed or was suppressed meanwhile — is
 * settled without sending. Throttled, or held by another copy of the task, it is put back on the queue
 * for later; any other failure throws for the queue to retry.
 *
 * @example
 * await sendSubscriptionMail(task, deps, pacer, log);
 */
export async function sendSubscriptionMail(
  task: SubscriptionMailTask,
  deps: EmailSenderDependencies,
  pacer: { wait(): Promise<void> },
  log: Logger,
): Promise<void> {
  const now = deps.clock();
  const claim = await deps.ledger.claimMailRequest(task.requestId, now.getTime(), now.getTime() + leaseMs, now.toISOString());
  if (claim === 'done') return;
  if (claim === 'in-flight-elsewhere') {
    log.info('subscription mail held by another worker; looking again later', { mail: task.mail });
    await putBackForLater(task, leaseMs / 1000, deps.work);
    return;
  }

  const subscriber = await deps.subscribers.get(task.subscriberId);
  const dueState = task.mail === 'confirmation' ? 'pending' : 'confirmed';
  if (subscriber?.state !== dueState) {
    const detail = `not sent: the subscriber is ${subscriber?.state ?? 'no longer on the list'}`;
    await deps.ledger.settleMailRequest(task.requestId, { detail }, deps.clock().toISOString());
    log.info('subscription mail no longer due', { mail: task.mail, detail });
    return;
  }
  const mail = composeSubscriptionMail(task.mail, subscriber, deps.config, subscriptionLinks(deps.publicBaseUrl(), subscriber, await deps.tokens()));
  await pacer.wait();
  try {
    const { messageId } = await deps.mailSender.send(mail);
    await deps.ledger.settleMailRequest(task.requestId, { messageId }, deps.clock().toISOString());
    log.info('subscription mail sent', { mail: task.mail, messageId });
  } catch (error) {
    if (error instanceof MailRejected) {
      await deps.ledger.settleMailRequest(task.requestId, { detail: `refused: ${error.message}` }, deps.clock().toISOString());
      log.warn('subscription mail refused for good', { mail: task.mail, reason: error.message });
      return;
    }
    const reason = error instanceof Error ? error.message : String(error);
    await deps.ledger.releaseMailRequest(task.requestId, reason, deps.clock().toISOString());
    if (!(error instanceof MailThrottled)) throw error;
    deps.metrics.record('MailThrottled', 1, {});
    log.warn('subscription mail comes back later', { mail: task.mail, reason });
    await putBackForLater(task, error.retryAfterSeconds, deps.work);
  }
}
