/**
 * Receives of one channel message before it moves to the dead-letter queue. The deployed queues, the
 * local queues and the X handler (which stops waiting for its thread on the last receive) share it.
 */
export const maxReceiveCount = 5;

/**
 * AWS's guidance for an SQS event source: a visibility timeout of at least six times the function's
 * timeout, so a message is not redelivered while a retried batch is still being processed. The
 * deployed queues and the local ones (their redelivery delay) share it.
 */
export const visibilityTimeoutPerConsumerTimeout = 6;

/**
 * Retries of a failing batch of stream records by the fan-out's event source mapping before the
 * record goes to its failure queue; the local stream poller gives up after as many.
 */
export const fanOutRetryAttempts = 10;
