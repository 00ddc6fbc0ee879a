/** SQS refuses a visibility timeout above 12 hours; the local queues keep the same bound. */
export const longestVisibilitySeconds = 43_200;

/** The parts of a queued record that name one receipt of one message. */
export interface ReceivedMessage {
  receiptHandle: string;
  eventSourceARN: string;
}

/**
 * Holds a received message back in its queue, so that its next receive comes when retrying can
 * succeed (an X rate-limit reset), or at once (0 s) when it must move on to the dead-letter queue.
 *
 * @example
 * await visibility.delay(record, 900); // received again in about 15 minutes
 */
export interface MessageVisibility {
  delay(message: ReceivedMessage, seconds: number): Promise<void>;
}
