/**
 * Receives of one channel message before it moves to the dead-letter queue. The deployed queues, the
 * local queues and the X handler (which stops waiting for its thread on the last receive) share it.
 */
export const maxReceiveCount = 5;
