/** How the sending is spread over workers so the account's SES quota is used and never exceeded. */
export interface SendPace {
  /** Sender workers at most (the event source's maximum concurrency; SQS allows no fewer than 2). */
  concurrency: number;
  /** The pause each worker keeps between two of its sends. */
  intervalMs: number;
}

/** What one worker sends per second at most: an SES call takes ~50–100 ms, so this keeps a margin. */
const perWorkerRate = 8;
/** SQS event sources scale to at most 1,250 concurrent invocations per function; stay well below. */
const mostWorkers = 200;

/**
 * The workers and the pace that send `maxSendRate` mails per second (the SES account quota)
 * together: as few workers as can reach the rate, each pausing so that all of them add up to it.
 * The stack sets the concurrency from this, the workers their pause, from the same configuration.
 *
 * @example
 * sendPace(14); // { concurrency: 2, intervalMs: 143 }
 * sendPace(500); // { concurrency: 63, intervalMs: 126 }
 */
export function sendPace(maxSendRate: number): SendPace {
  const concurrency = Math.min(mostWorkers, Math.max(2, Math.ceil(maxSendRate / perWorkerRate)));
  return { concurrency, intervalMs: Math.ceil((1000 * concurrency) / maxSendRate) };
}
