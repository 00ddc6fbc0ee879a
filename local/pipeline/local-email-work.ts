import type { PlanPageTask, SendTask } from '../../lambdas/core/email/email-tasks.js';
import type { EmailWork } from '../../lambdas/core/ports/email-work.js';
import type { LocalQueue } from './local-queue.js';

/**
 * The email channel's work queues on a laptop: the local plan and send queues stand in for SQS.
 *
 * @example
 * const work = new LocalEmailWork({ plan: queues.emailPlan, send: queues.emailSend });
 */
export class LocalEmailWork implements EmailWork {
  constructor(private readonly queues: { plan: LocalQueue; send: LocalQueue }) {}

  async planPages(tasks: readonly PlanPageTask[]): Promise<void> {
    this.queues.plan.sendAll(tasks.map((task) => JSON.stringify(task)));
  }

  async send(tasks: readonly SendTask[], options: { delaySeconds?: number } = {}): Promise<void> {
    this.queues.send.sendAll(tasks.map((task) => JSON.stringify(task)), options.delaySeconds);
  }
}
