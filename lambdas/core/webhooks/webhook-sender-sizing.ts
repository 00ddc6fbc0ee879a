import { webhookMaxAttempts } from './webhook-retry.js';

/** Each POST gives up after this long (docs/api.md). */
export const webhookPostTimeoutSeconds = 10;

/** Deliveries per worker invocation: a few, so one slow receiver delays few others. */
export const webhookSenderBatchSize = 5;

/** A batch of slow receivers, each timing out, plus the ledger writes around them. */
export const webhookSenderTimeoutSeconds = webhookSenderBatchSize * webhookPostTimeoutSeconds + 20;

/**
 * Receives of a delivery message before the queue gives it up: past the workers' own last attempt,
 * so the dead-letter queue only ever holds a delivery whose worker kept crashing.
 */
export const webhookQueueMaxReceiveCount = webhookMaxAttempts + 5;
