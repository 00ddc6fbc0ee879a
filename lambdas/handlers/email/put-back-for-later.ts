import type { SendTask } from '../../core/email/email-tasks.js';
import { type EmailWork, longestTaskDelaySeconds } from '../../core/ports/email-work.js';

/**
 * Queues a send task again, out of sight for `seconds`, so the message being handled can be deleted:
 * a fresh message starts with no receives, so waiting out throttling never walks it toward the DLQ.
 * A wait longer than SQS allows is taken in steps (the task comes back, finds the same answer, goes again).
 *
 * @example
 * await putBackForLater(batch, 900, deps.work); // SES paused the account's sending
 */
export async function putBackForLater(task: SendTask, seconds: number, work: Pick<EmailWork, 'send'>): Promise<void> {
  await work.send([task], { delaySeconds: Math.min(Math.max(0, Math.ceil(seconds)), longestTaskDelaySeconds) });
}
