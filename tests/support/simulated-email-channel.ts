import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Config } from '../../lambdas/core/config/config-schema.js';
import type { EmailLedger } from '../../lambdas/core/ports/email-ledger.js';
import type { EmailWork } from '../../lambdas/core/ports/email-work.js';
import type { IncidentStore } from '../../lambdas/core/ports/incident-store.js';
import type { Logger } from '../../lambdas/core/ports/logger.js';
import type { MailSender } from '../../lambdas/core/ports/mail-sender.js';
import type { Metrics } from '../../lambdas/core/ports/metrics.js';
import type { SubscriberStore } from '../../lambdas/core/ports/subscriber-store.js';
import type { SubscriptionTokens } from '../../lambdas/core/ports/subscription-tokens.js';
import { createEmailPlannerHandler } from '../../lambdas/handlers/email/create-email-planner-handler.js';
import { createEmailSenderHandler } from '../../lambdas/handlers/email/create-email-sender-handler.js';
import type { SimulatedSqsOptions, VirtualClock } from './simulated-sqs.js';
import { SimulatedSqs } from './simulated-sqs.js';

export interface SimulatedEmailChannelOptions {
  config: Config;
  stores: { incidents: Pick<IncidentStore, 'getUpdate'>; subscribers: SubscriberStore; emailLedger: EmailLedger };
  mailSender: MailSender;
  tokens: SubscriptionTokens;
  clock: VirtualClock;
  logger: Logger;
  metrics: Metrics;
  /** SQS's at-least-once and order, for every queue of the channel (copies per send, a shuffle). */
  queues?: Pick<SimulatedSqsOptions, 'copiesPerSend' | 'order' | 'visibilityTimeoutSeconds' | 'maxReceiveCount'>;
  /** Sender workers side by side (each receives batches of up to ten tasks). */
  senders?: number;
  /** Subscribers per planned page (500 deployed): small, so that a short list still spans many pages. */
  pageSize?: number;
}

/**
 * The email channel as deployed, in virtual time: its SNS-fed queue, the plan and send queues, the
 * planner on the first two and sender workers on the third. `publish` is what the topic does;
 * `run` drains every queue until all work is done.
 */
export function simulatedEmailChannel(options: SimulatedEmailChannelOptions) {
  const { clock } = options;
  const queue = (name: string) => new SimulatedSqs({ name, clock, ...options.queues });
  const queues = { email: queue('email'), plan: queue('email-plan'), send: queue('email-send') };
  const work: EmailWork = {
    planPages: async (tasks) => tasks.forEach((task) => queues.plan.send(JSON.stringify(task))),
    send: async (tasks, options) => tasks.forEach((task) => queues.send.send(JSON.stringify(task), options?.delaySeconds)),
  };
  const common = { config: options.config, incidents: options.stores.incidents, subscribers: options.stores.subscribers, ledger: options.stores.emailLedger, clock: clock.clock, logger: options.logger, metrics: options.metrics };
  const planner = createEmailPlannerHandler({ ...common, work, ...(options.pageSize ? { pageSize: options.pageSize } : {}), visibility: { delay: async (message, seconds) => Promise.all([queues.email.delay(message, seconds), queues.plan.delay(message, seconds)]).then(() => undefined) } });
  const sender = createEmailSenderHandler({
    ...common,
    mailSender: options.mailSender,
    work,
    tokens: async () => options.tokens,
    publicBaseUrl: () => 'https://status.nimbus.example',
    visibility: queues.send,
    // Pacing is the deployed workers' concern; in virtual time it would only slow the test down.
    pace: { concurrency: options.senders ?? 2, intervalMs: 0 },
    sleep: async () => {},
  });
  return {
    queues,
    work,
    planner,
    /** What the topic's subscription does: the envelope of an update in a locale, on the email queue. */
    publish(envelope: object) {
      queues.email.send(JSON.stringify(envelope));
    },
    async run(): Promise<void> {
      const consume = (handler: (event: SQSEvent) => Promise<SQSBatchResponse>) => (event: SQSEvent) => handler(event);
      while (queues.email.depth + queues.plan.depth + queues.send.depth > 0) {
        await queues.email.drain(consume(planner));
        await queues.plan.drain(consume(planner));
        await queues.send.drain(consume(sender), { concurrentBatches: options.senders ?? 2 });
      }
    },
    deadLetters: () => [...queues.email.deadLetters, ...queues.plan.deadLetters, ...queues.send.deadLetters],
  };
}
