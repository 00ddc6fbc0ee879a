import * as z from 'zod/mini';
import '../validation/english-issues.js';
import { subscriptionMailSchema } from '../subscribers/mail-request.js';

/** Which update, in which locale: what every piece of incident-mail work is about. */
const updateLocale = {
  incidentId: z.string(),
  seq: z.number().check(z.int(), z.positive()),
  updateId: z.string(),
  locale: z.string(),
};

/**
 * "Plan page `page` of shard `shard`": read one page of that shard's confirmed subscribers of the
 * locale (from `cursor`), fix who gets this update, queue their batches, then queue the next page.
 * The planner records each page before queuing anything, so a repeated task replans nothing.
 */
export const planPageTaskSchema = z.object({
  kind: z.literal('plan-page'),
  ...updateLocale,
  shard: z.number().check(z.int(), z.nonnegative()),
  page: z.number().check(z.int(), z.nonnegative()),
  cursor: z.nullable(z.string()),
});

/**
 * "Send this update to these subscribers": one batch of a planned page. Its identity (update, locale,
 * shard, page, batch) is stable however often the task is delivered, and so is what it counts.
 */
export const incidentMailBatchSchema = z.object({
  kind: z.literal('incident-mail'),
  ...updateLocale,
  shard: z.number().check(z.int(), z.nonnegative()),
  page: z.number().check(z.int(), z.nonnegative()),
  batch: z.number().check(z.int(), z.nonnegative()),
  subscriberIds: z.array(z.string()).check(z.minLength(1), z.maxLength(50)),
});

/** "Send this subscriber its confirmation (or preferences) mail", once per request. */
export const subscriptionMailTaskSchema = z.object({
  kind: z.literal('subscription-mail'),
  requestId: z.string(),
  subscriberId: z.string(),
  mail: subscriptionMailSchema,
});

/** What the email send queue carries. */
export const sendTaskSchema = z.discriminatedUnion('kind', [incidentMailBatchSchema, subscriptionMailTaskSchema]);

export type PlanPageTask = z.infer<typeof planPageTaskSchema>;
export type IncidentMailBatch = z.infer<typeof incidentMailBatchSchema>;
export type SubscriptionMailTask = z.infer<typeof subscriptionMailTaskSchema>;
export type SendTask = z.infer<typeof sendTaskSchema>;

/** Recipients per send task: small enough that a worker's batch fits well inside its timeout at the slowest pace. */
export const recipientsPerBatch = 50;

/** Subscribers read per planned page. */
export const subscribersPerPage = 500;
