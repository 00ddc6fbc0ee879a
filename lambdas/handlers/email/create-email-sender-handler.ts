import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { sendTaskSchema } from '../../core/email/email-tasks.js';
import { sendPace } from '../../core/email/send-pace.js';
import { readQueuedBody } from '../queued/read-queued-body.js';
import type { EmailSenderDependencies } from './email-dependencies.js';
import { createPacer } from './pacer.js';
import { sendIncidentMailBatch } from './send-incident-mail-batch.js';
import { sendSubscriptionMail } from './send-subscription-mail.js';

/**
 * An email sender worker: the send queue's consumer. Its records are handled one after the other
 * (the pace is per worker; the stack caps how many workers run), each failure alone.
 *
 * @example
 * export const handler = createEmailSenderHandler({ config, incidents, subscribers, ledger, work, mailSender, tokens, publicBaseUrl, visibility, clock, logger, metrics });
 */
export function createEmailSenderHandler(deps: EmailSenderDependencies) {
  const { intervalMs } = deps.pace ?? sendPace(deps.config.channels.email.maxSendRate);
  const pacer = createPacer(intervalMs, () => deps.clock().getTime(), deps.sleep ?? ((milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds))));
  const recordHandler = async (record: SQSRecord) => {
    const task = await readQueuedBody(record, sendTaskSchema, deps);
    if (task.kind === 'incident-mail') {
      const log = deps.logger.withKeys({ incidentId: task.incidentId, seq: task.seq, locale: task.locale, messageId: record.messageId });
      await sendIncidentMailBatch(task, deps, pacer, log);
    } else {
      const log = deps.logger.withKeys({ subscriberId: task.subscriberId, mailRequestId: task.requestId, messageId: record.messageId });
      await sendSubscriptionMail(task, deps, pacer, log);
    }
  };
  return (event: SQSEvent, context?: Context) =>
    processPartialResponse(event, recordHandler, new BatchProcessor(EventType.SQS), { context, processInParallel: false, throwOnFullBatchFailure: false });
}
