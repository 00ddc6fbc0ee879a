import { ConfigError } from '../config/parse-config.js';
import { recipientsPerBatch } from './email-tasks.js';
import { sendPace } from './send-pace.js';

/** SQS event sources take at most 10 messages per batch from a standard queue with no batching window. */
const largestSqsBatch = 10;
/** An SQS event source's maximum concurrency must lie in this range. */
const sqsMaximumConcurrency = { lowest: 2, highest: 1000 };
/** Lambda stops any invocation after 15 minutes. */
const longestLambdaTimeoutSeconds = 15 * 60;
/** The most one mail takes a worker when the pace does not: claim (DynamoDB), SES SendEmail, settle (DynamoDB). */
const slowestMailMs = 200;
/** A batch is given half as long again as its mails should take. */
const timeoutMargin = 1.5;
/** Cold start, loading the update and the subscribers, recording the batch. */
const fixedWorkSeconds = 30;

/** How the sender workers are run: from `sendPace`, so that together they send `maxSendRate` mails a second. */
export interface SenderSizing {
  /** The event source's maximum concurrency: `sendPace(maxSendRate).concurrency`. */
  readonly maxConcurrency: number;
  /** Send tasks per invocation, each of up to `recipientsPerBatch` recipients. */
  readonly batchSize: number;
  /** The sender function's timeout (its queue's visibility timeout follows from it, deployed and locally). */
  readonly timeoutSeconds: number;
}

/**
 * The sender's concurrency, batch and timeout for a sending rate. A worker spaces its mails
 * `sendPace(...).intervalMs` apart, so a batch of 10 tasks of 50 recipients takes 500 such
 * intervals; the timeout is sized for that, with a margin. Only at rates below about 1.4 mails a
 * second (the SES sandbox allows 1) would 10 tasks not fit in Lambda's 15 minutes: there the batch
 * is as many tasks as fit.
 *
 * @example
 * senderSizing(14); // { maxConcurrency: 2, batchSize: 10, timeoutSeconds: 180 }
 * senderSizing(1); // { maxConcurrency: 2, batchSize: 5, timeoutSeconds: 780 }
 */
export function senderSizing(maxSendRate: number): SenderSizing {
  const pace = sendPace(maxSendRate);
  if (pace.concurrency < sqsMaximumConcurrency.lowest || pace.concurrency > sqsMaximumConcurrency.highest) {
    throw new Error(`sendPace(${maxSendRate}) asks for ${pace.concurrency} senders; an SQS event source allows ${sqsMaximumConcurrency.lowest}-${sqsMaximumConcurrency.highest}`);
  }
  const taskSeconds = (recipientsPerBatch * Math.max(pace.intervalMs, slowestMailMs) * timeoutMargin) / 1000;
  const budgetSeconds = longestLambdaTimeoutSeconds - fixedWorkSeconds;
  const batchSize = Math.min(largestSqsBatch, Math.floor(budgetSeconds / taskSeconds));
  if (batchSize < 1) {
    throw new ConfigError(
      `incident-comms.config.json: channels.email.maxSendRate ${maxSendRate} is too low: one batch of ${recipientsPerBatch} recipients at that pace cannot be sent within Lambda's 15 minutes. ` +
        'Set it to your SES sending quota (1 in the sandbox, 14 or more in production).',
    );
  }
  return { maxConcurrency: pace.concurrency, batchSize, timeoutSeconds: Math.ceil(batchSize * taskSeconds + fixedWorkSeconds) };
}
