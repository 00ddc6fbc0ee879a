import type { PlanPageTask, SendTask } from '../email/email-tasks.js';

/**
 * The email channel's work queues: pages to plan, and mails to send (SQS deployed, the local queues
 * on a laptop). The senders behind the send queue are what scales with the number of subscribers.
 *
 * @example
 * await work.planPages(shards.map((shard) => ({ kind: 'plan-page', …, shard, page: 0, cursor: null })));
 */
export interface EmailWork {
  planPages(tasks: readonly PlanPageTask[]): Promise<void>;
  /** `delaySeconds` (at most 900, SQS's limit) keeps the tasks out of sight that long: a task put back for later. */
  send(tasks: readonly SendTask[], options?: { delaySeconds?: number }): Promise<void>;
}

/** SQS delays a message 15 minutes at most; a longer wait is taken in steps. */
export const longestTaskDelaySeconds = 900;
