import type { SQSRecord } from 'aws-lambda';
import { channelEnvelopeSchema } from '../../core/delivery/channel-envelope.js';
import type { ChannelEnvelope } from '../../core/delivery/channel-envelope.js';
import { DomainError } from '../../core/errors/domain-error.js';
import type { Logger } from '../../core/ports/logger.js';
import type { MessageVisibility } from '../../core/ports/message-visibility.js';
import { describeIssues } from '../../core/validation/describe-issues.js';
import { holdBack } from './hold-back.js';

/** The body is not a channel envelope: no receive will ever change that, so it goes to the DLQ. */
export class MalformedChannelMessage extends DomainError {}

/**
 * The channel envelope a queued record carries. Every queued channel reads its records through this,
 * so a malformed one meets the same policy everywhere: logged with what is wrong, made visible again
 * at once and failed, so it reaches the dead-letter queue after the queue's receives instead of
 * waiting out a visibility timeout each time.
 *
 * @example
 * const envelope = await readChannelEnvelope(record, { visibility, logger });
 */
export async function readChannelEnvelope(record: SQSRecord, deps: { visibility: MessageVisibility; logger: Logger }): Promise<ChannelEnvelope> {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    body = undefined;
  }
  const parsed = channelEnvelopeSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const errors = body === undefined ? [{ path: '', message: 'the body is not JSON' }] : describeIssues(parsed.error.issues);
  deps.logger.error('malformed channel message; it goes to the dead-letter queue', { messageId: record.messageId, errors });
  await holdBack(record, 0, deps.visibility, deps.logger);
  throw new MalformedChannelMessage(`message ${record.messageId} is not a channel envelope: ${errors.map((e) => `${e.path || '(body)'}: ${e.message}`).join('; ')}`);
}
