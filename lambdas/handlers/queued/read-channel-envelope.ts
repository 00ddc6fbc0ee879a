import type { SQSRecord } from 'aws-lambda';
import { channelEnvelopeSchema } from '../../core/delivery/channel-envelope.js';
import type { ChannelEnvelope } from '../../core/delivery/channel-envelope.js';
import type { Logger } from '../../core/ports/logger.js';
import type { MessageVisibility } from '../../core/ports/message-visibility.js';
import { readQueuedBody } from './read-queued-body.js';

/**
 * The channel envelope a record of a channel queue carries (malformed ones go to the DLQ at once).
 *
 * @example
 * const envelope = await readChannelEnvelope(record, { visibility, logger });
 */
export function readChannelEnvelope(record: SQSRecord, deps: { visibility: MessageVisibility; logger: Logger }): Promise<ChannelEnvelope> {
  return readQueuedBody(record, channelEnvelopeSchema, deps);
}
