import type { SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import { DomainError } from '../../core/errors/domain-error.js';
import type { Logger } from '../../core/ports/logger.js';
import type { MessageVisibility } from '../../core/ports/message-visibility.js';
import { describeIssues } from '../../core/validation/describe-issues.js';
import { holdBack } from './hold-back.js';

/** The body is not what the queue carries: no receive will ever change that, so it goes to the DLQ. */
export class MalformedQueuedMessage extends DomainError {}

/**
 * The body of a queued record, checked against what its queue carries. Every queue reads its records
 * through this, so a malformed one meets the same policy everywhere: logged with what is wrong, made
 * visible again at once and failed, so it reaches the dead-letter queue after the queue's receives
 * instead of waiting out a visibility timeout each time.
 *
 * @example
 * const task = await readQueuedBody(record, sendTaskSchema, { visibility, logger });
 */
export async function readQueuedBody<Schema extends z.core.$ZodType>(
  record: SQSRecord,
  schema: Schema,
  deps: { visibility: MessageVisibility; logger: Logger },
): Promise<z.output<Schema>> {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    body = undefined;
  }
  const parsed = z.safeParse(schema, body);
  if (parsed.success) return parsed.data;
  const errors = body === undefined ? [{ path: '', message: 'the body is not JSON' }] : describeIssues(parsed.error.issues);
  deps.logger.error('malformed queued message; it goes to the dead-letter queue', { messageId: record.messageId, errors });
  await holdBack(record, 0, deps.visibility, deps.logger);
  throw new MalformedQueuedMessage(`message ${record.messageId} is not what this queue carries: ${errors.map((e) => `${e.path || '(body)'}: ${e.message}`).join('; ')}`);
}
