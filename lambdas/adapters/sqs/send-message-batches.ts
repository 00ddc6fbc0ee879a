import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { longestTaskDelaySeconds } from '../../core/ports/email-work.js';

/** SQS takes at most ten messages per SendMessageBatch. */
const perCall = 10;
/** Entries SQS failed are sent again this often before the caller is told (and its own queue retries it). */
const attempts = 3;

/**
 * Sends each body as one JSON message, ten per call, sending again what SQS failed; throws when some
 * still fail, so the caller's own message is retried rather than a task lost.
 *
 * @example
 * await sendMessageBatches(sqs, queueUrl, tasks, 60);
 */
export async function sendMessageBatches(sqs: SQSClient, queueUrl: string, bodies: readonly object[], delaySeconds?: number): Promise<void> {
  const delay = delaySeconds === undefined ? {} : { DelaySeconds: Math.min(longestTaskDelaySeconds, Math.max(0, Math.ceil(delaySeconds))) };
  for (let start = 0; start < bodies.length; start += perCall) {
    let entries = bodies.slice(start, start + perCall).map((body, index) => ({ Id: String(index), MessageBody: JSON.stringify(body), ...delay }));
    for (let attempt = 1; entries.length > 0; attempt++) {
      const { Failed = [] } = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
      const failed = new Set(Failed.map((entry) => entry.Id));
      entries = entries.filter((entry) => failed.has(entry.Id));
      if (entries.length > 0 && attempt >= attempts) {
        throw new Error(`SQS refused ${entries.length} message(s) for ${queueUrl}: ${Failed.map((entry) => entry.Message ?? entry.Code).join('; ')}`);
      }
    }
  }
}
