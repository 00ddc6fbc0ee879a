import type { SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import { processInOrderPerGroup } from '../queued/process-in-order-per-group.js';
import '../../core/validation/english-issues.js';
import { channelEnvelopeSchema } from '../../core/delivery/channel-envelope.js';
import { planPageTaskSchema } from '../../core/email/email-tasks.js';
import { readQueuedBody } from '../queued/read-queued-body.js';
import type { EmailPlannerDependencies } from './email-dependencies.js';
import { planEmailDelivery } from './plan-email-delivery.js';
import { planPage } from './plan-page.js';

/** The planner reads two queues: the email channel's (an update in a locale) and its own (pages to plan). */
const plannerBodySchema = z.union([planPageTaskSchema, channelEnvelopeSchema]);

/**
 * The email planner: each record is an update to start (in order within its incident and locale)
 * or a page to plan (beside everything else); a failure comes back from its queue, with the later
 * updates of its group.
 *
 * @example
 * export const handler = createEmailPlannerHandler({ config, incidents, subscribers, ledger, work, visibility, clock, logger, metrics });
 */
export function createEmailPlannerHandler(deps: EmailPlannerDependencies) {
  const recordHandler = async (record: SQSRecord) => {
    const body = await readQueuedBody(record, plannerBodySchema, deps);
    const log = deps.logger.withKeys({ incidentId: body.incidentId, seq: body.seq, locale: body.locale, messageId: record.messageId });
    try {
      // An envelope's own `kind` is the message kind (apology, update, recovery, postmortem), never 'plan-page'.
      if (body.kind === 'plan-page') await planPage(body, deps, log);
      else await planEmailDelivery(body, deps, log);
    } catch (error) {
      log.warn('email planning will be retried from the queue', { error: error as Error });
      throw error;
    }
  };
  return (event: SQSEvent) => processInOrderPerGroup(event, recordHandler);
}
