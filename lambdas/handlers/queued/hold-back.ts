import type { SQSRecord } from 'aws-lambda';
import type { Logger } from '../../core/ports/logger.js';
import type { MessageVisibility } from '../../core/ports/message-visibility.js';

/**
 * Holds a record back in its queue for `seconds` before its next receive (0: at once). Best effort:
 * when the queue refuses, its own visibility timeout still brings the message back.
 *
 * @example
 * await holdBack(record, 900, visibility, logger); // back after X's rate-limit reset
 */
export async function holdBack(record: SQSRecord, seconds: number, visibility: MessageVisibility, logger: Logger): Promise<void> {
  try {
    await visibility.delay({ receiptHandle: record.receiptHandle, eventSourceARN: record.eventSourceARN }, seconds);
  } catch (error) {
    logger.warn('could not change the message visibility', { messageId: record.messageId, seconds, reason: error instanceof Error ? error.message : String(error) });
  }
}
