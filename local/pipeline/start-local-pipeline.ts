import { join } from 'node:path';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { systemClock } from '../../lambdas/adapters/clock.js';
import type { Stores } from '../../lambdas/adapters/dynamo/dynamo-stores.js';
import { ulidIds } from '../../lambdas/adapters/ids.js';
import { OutboxCommanderAlerts } from '../../lambdas/adapters/outbox/outbox-commander-alerts.js';
import { OutboxMailSender } from '../../lambdas/adapters/outbox/outbox-mail-sender.js';
import { OutboxXPoster } from '../../lambdas/adapters/x/outbox-x-poster.js';
import { channelCatalog } from '../../lambdas/core/channels/channel-catalog.js';
import { fanOutRetryAttempts, maxReceiveCount, visibilityTimeoutPerConsumerTimeout } from '../../lambdas/core/channels/queue-redrive.js';
import type { Config } from '../../lambdas/core/config/config-schema.js';
import { senderSizing } from '../../lambdas/core/email/sender-sizing.js';
import type { Clock } from '../../lambdas/core/ports/clock.js';
import type { Logger } from '../../lambdas/core/ports/logger.js';
import type { MailSender } from '../../lambdas/core/ports/mail-sender.js';
import type { MessageVisibility } from '../../lambdas/core/ports/message-visibility.js';
import type { Metrics } from '../../lambdas/core/ports/metrics.js';
import type { SubscriptionTokens } from '../../lambdas/core/ports/subscription-tokens.js';
import type { WebhookPoster } from '../../lambdas/core/ports/webhook-poster.js';
import type { WebhookSecrets } from '../../lambdas/core/ports/webhook-secrets.js';
import type { XPoster } from '../../lambdas/core/ports/x-poster.js';
import { NodeWebhookPoster } from '../../lambdas/adapters/http/node-webhook-poster.js';
import { webhookQueueMaxReceiveCount, webhookSenderBatchSize, webhookSenderTimeoutSeconds } from '../../lambdas/core/webhooks/webhook-sender-sizing.js';
import { createWebhookPlannerHandler } from '../../lambdas/handlers/webhooks/create-webhook-planner-handler.js';
import { createWebhookSenderHandler } from '../../lambdas/handlers/webhooks/create-webhook-sender-handler.js';
import { createEmailPlannerHandler } from '../../lambdas/handlers/email/create-email-planner-handler.js';
import { createEmailSenderHandler } from '../../lambdas/handlers/email/create-email-sender-handler.js';
import { createSesEventsHandler } from '../../lambdas/handlers/email/create-ses-events-handler.js';
import { createFanOutHandler } from '../../lambdas/handlers/fanout/create-fanout-handler.js';
import { createInAppHandler } from '../../lambdas/handlers/inapp/create-inapp-handler.js';
import { createSnapshotHandler } from '../../lambdas/handlers/snapshot/create-snapshot-handler.js';
import { createTimerHandler } from '../../lambdas/handlers/timers/create-timer-handler.js';
import { createXChannelHandler } from '../../lambdas/handlers/x/create-x-channel-handler.js';
import { localCredentials, localRegion } from '../dynamodb-local.js';
import { replayDeadLetters } from './dead-letter-replay.js';
import type { DeadLetterReplay } from './dead-letter-replay.js';
import { LocalEmailWork } from './local-email-work.js';
import { LocalQueue } from './local-queue.js';
import { LocalStatusSite } from './local-status-site.js';
import { LocalTimers } from './local-timers.js';
import { SnapshotScheduler } from './snapshot-scheduler.js';
import { LocalTopic } from './local-topic.js';
import { LocalWebhookWork } from './local-webhook-work.js';
import { StreamPoller } from './stream-poller.js';
import { workerPool } from './worker-pool.js';

export interface LocalPipelineOptions {
  config: Config;
  stores: Stores;
  /** Derives the tokens in mails' links (the API reads them back with the same key). */
  tokens: SubscriptionTokens;
  /** The handlers' Powertools logger. */
  logger: Logger;
  metrics: Metrics;
  streamArn: string;
  dynamoEndpoint: string;
  outboxDir: string;
  publicUrl: () => string;
  log: (line: string) => void;
  /** Where X posts go; the outbox by default (tests pass an X stand-in). */
  xPoster?: XPoster;
  /** The webhook signing secrets (derived from the same key as the tokens). */
  webhookSecrets: WebhookSecrets;
  /** Where webhook deliveries go: POSTed for real to the registered URLs by default. */
  webhookPoster?: WebhookPoster;
  /**
   * How fast the webhook workers' waits pass (backoff, Retry-After): 1 by default; tests pass a
   * small factor and read the delays the workers asked for from the log.
   */
  webhookDelayScale?: number;
  /** Where mail goes; `.eml` files in the outbox by default (tests may count or fail sends). */
  mailSender?: MailSender;
  /** Keep the queues' messages here (`--data-dir`), so a crash loses none; in memory when absent. */
  queueJournalDir?: string;
  /**
   * How long a failed message waits for its next receive, in ms, on every queue. By default each
   * queue's deployed visibility timeout (minutes); tests shorten it rather than wait that out.
   */
  redeliveryDelayMs?: number;
  /**
   * The clock timers fall due by, and the timer handler and the status snapshot read (the system
   * clock when absent). Tests pass the API's manual clock, move it, and call `timers.tick()` instead
   * of waiting.
   */
  clock?: Clock;
}

export interface LocalPipeline {
  queues: { email: LocalQueue; emailPlan: LocalQueue; emailSend: LocalQueue; x: LocalQueue; inapp: LocalQueue; webhook: LocalQueue; webhookSend: LocalQueue };
  poller: StreamPoller;
  /** The runtime's timer engine (EventBridge Scheduler's stand-in): "next update by" promises. */
  timers: LocalTimers;
  /** The status site's published snapshot, served by the local server as CloudFront serves the bucket. */
  statusSite: LocalStatusSite;
  /** Where `.eml` files are written (unless a mail sender was given). */
  mailDirectory: string;
  deadLetterFile: string;
  /** Hands every entry of the dead-letter file back to its queue or to the fan-out (`npm run redrive -- --dead-letters`). */
  replayDeadLetters(): Promise<DeadLetterReplay>;
  /** Resolves once every stored update has been fanned out and every queue is empty. */
  settled(timeoutMs?: number): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * docs/design.md's flow on a laptop: the table's stream → fan-out handler → local topic (filter
 * policies from the channel catalog) → a local queue per channel → the X, in-app and email handlers;
 * the email planner and senders behind their own queues, mail as `.eml` files, SES's simulator
 * addresses answered by the SES events handler.
 */
export async function startLocalPipeline(options: LocalPipelineOptions): Promise<LocalPipeline> {
  const { config, stores, log, logger, metrics } = options;
  const deadLetterFile = join(options.outboxDir, 'dead-letter.jsonl');
  const ledger = stores.deliveries;
  const sender = senderSizing(config.channels.email.maxSendRate);
  const senderConcurrency = sender.maxConcurrency;
  // Deployed, Lambda scales a queue's consumers out with its work (a FIFO queue's with its busy message
  // groups) up to the event source's maxConcurrency; here a few consumers side by side stand in for that.
  const consumersPerQueue = 4;
  const channelConsumers = (name: keyof typeof channelCatalog) => channelCatalog[name].maxConcurrency ?? consumersPerQueue;
  const queueOptions = (name: string, consumerTimeoutSeconds: number) => ({
    name,
    maxReceiveCount,
    retryDelayMs: options.redeliveryDelayMs ?? consumerTimeoutSeconds * visibilityTimeoutPerConsumerTimeout * 1000,
    deadLetterFile,
    log,
    ...(options.queueJournalDir ? { journalFile: join(options.queueJournalDir, `${name}.jsonl`) } : {}),
  });
  const plannerTimeout = channelCatalog.email.consumerTimeoutSeconds;
  const queues = {
    // The channel queues are FIFO, as deployed: each receives an incident's updates in order.
    email: new LocalQueue({ ...queueOptions('email', plannerTimeout), concurrency: channelConsumers('email'), fifo: true, batchSize: channelCatalog.email.batchSize }),
    emailPlan: new LocalQueue({ ...queueOptions('email-plan', plannerTimeout), concurrency: consumersPerQueue }),
    emailSend: new LocalQueue({ ...queueOptions('email-send', sender.timeoutSeconds), concurrency: senderConcurrency }),
    x: new LocalQueue({ ...queueOptions('x', channelCatalog.x.consumerTimeoutSeconds), fifo: true, batchSize: channelCatalog.x.batchSize, concurrency: channelConsumers('x') }),
    inapp: new LocalQueue({ ...queueOptions('inapp', channelCatalog.inapp.consumerTimeoutSeconds), fifo: true, batchSize: channelCatalog.inapp.batchSize, concurrency: channelConsumers('inapp') }),
    webhook: new LocalQueue({ ...queueOptions('webhook', channelCatalog.webhook.consumerTimeoutSeconds), fifo: true, batchSize: channelCatalog.webhook.batchSize, concurrency: channelConsumers('webhook') }),
    // A message group per subscriber, as deployed; as many in flight as the stack lets the workers run.
    webhookSend: new LocalQueue({
      ...queueOptions('webhook-send', webhookSenderTimeoutSeconds),
      maxReceiveCount: webhookQueueMaxReceiveCount,
      fifo: true,
      batchSize: webhookSenderBatchSize,
      concurrency: config.channels.webhook.maxConcurrency,
      ...(options.webhookDelayScale !== undefined ? { delayScale: options.webhookDelayScale } : {}),
    }),
  };
  const topic = new LocalTopic(config, { email: queues.email, x: queues.x, inapp: queues.inapp, webhook: queues.webhook });
  const emailWork = new LocalEmailWork({ plan: queues.emailPlan, send: queues.emailSend });

  queues.inapp.consume(
    logDeliveries('inapp', createInAppHandler({ ledger, feed: stores.feed, visibility: queues.inapp, clock: systemClock, logger, metrics, feedRetentionDays: config.channels.inapp.feedRetentionDays }), log),
  );
  const xHandler = createXChannelHandler({
    ledger,
    poster: options.xPoster ?? new OutboxXPoster({ outboxDir: options.outboxDir }),
    visibility: queues.x,
    clock: systemClock,
    logger,
    metrics,
  });
  queues.x.consume(logDeliveries('x', xHandler, log));

  const sesEvents = createSesEventsHandler({ subscribers: stores.subscribers, clock: systemClock, logger, metrics });
  const outbox = new OutboxMailSender({ outboxDir: options.outboxDir, onSesEvent: sesEvents });
  const planner = createEmailPlannerHandler({
    config,
    incidents: stores.incidents,
    subscribers: stores.subscribers,
    ledger: stores.emailLedger,
    work: emailWork,
    visibility: byQueue([queues.email, queues.emailPlan]),
    clock: systemClock,
    logger,
    metrics,
  });
  queues.email.consume(planner);
  queues.emailPlan.consume(planner);
  const senderDependencies = {
    config,
    incidents: stores.incidents,
    subscribers: stores.subscribers,
    ledger: stores.emailLedger,
    work: emailWork,
    mailSender: options.mailSender ?? outbox,
    tokens: async () => options.tokens,
    publicBaseUrl: options.publicUrl,
    visibility: queues.emailSend,
    clock: systemClock,
    logger,
    metrics,
  };
  // Each sender keeps its own pace, as each deployed worker does: together they send maxSendRate a second.
  queues.emailSend.consume(logMail(workerPool(senderConcurrency, () => createEmailSenderHandler(senderDependencies)), log));

  queues.webhook.consume(
    createWebhookPlannerHandler({
      config,
      incidents: stores.incidents,
      webhooks: stores.webhooks,
      ledger: stores.webhookLedger,
      work: new LocalWebhookWork(queues.webhookSend),
      visibility: queues.webhook,
      clock: systemClock,
      logger,
      metrics,
    }),
  );
  queues.webhookSend.consume(
    logWebhooks(
      createWebhookSenderHandler({
        config,
        incidents: stores.incidents,
        webhooks: stores.webhooks,
        ledger: stores.webhookLedger,
        poster: options.webhookPoster ?? new NodeWebhookPoster({ mode: 'local' }),
        secrets: async () => options.webhookSecrets,
        visibility: queues.webhookSend,
        clock: systemClock,
        logger,
        metrics,
      }),
      log,
    ),
  );

  const streams = new DynamoDBStreamsClient({ endpoint: options.dynamoEndpoint, region: localRegion, credentials: localCredentials });
  // The stack's snapshot function reads the same stream beside the fan-out, and ticks once a minute.
  const statusSite = new LocalStatusSite(join(options.outboxDir, 'status-site'));
  const snapshots = new SnapshotScheduler(
    createSnapshotHandler({ config, incidents: stores.incidents, feed: stores.feed, publisher: statusSite, clock: options.clock ?? systemClock, logger }),
    log,
  );
  snapshots.start(60_000);
  const timerClock = options.clock ?? systemClock;
  const timers = new LocalTimers({
    fire: createTimerHandler({
      config,
      incidents: stores.incidents,
      reminders: stores.promiseReminders,
      alerts: new OutboxCommanderAlerts({ outboxDir: options.outboxDir, clock: timerClock }),
      ids: ulidIds,
      clock: timerClock,
      logger,
      metrics,
    }),
    clock: timerClock,
    log,
  });
  await timers.restore(stores.incidents);
  timers.start();
  const fanOut = createFanOutHandler({ config, ledger, topic, emailWork, timers, clock: systemClock, logger, metrics });
  const poller = new StreamPoller(streams, {
    streamArn: options.streamArn,
    consumer: async (event) => {
      const response = await fanOut(event);
      snapshots.request(event.Records);
      return response;
    },
    // As the deployed event source mapping: the first try and its retries, backing off, then the failure queue.
    maxAttempts: fanOutRetryAttempts + 1,
    retryDelayMs: options.redeliveryDelayMs === undefined ? 200 : Math.min(200, options.redeliveryDelayMs),
    maxRetryDelayMs: options.redeliveryDelayMs ?? 10_000,
    pollIntervalMs: 100,
    deadLetterFile,
    log,
  });
  poller.start();

  return {
    queues,
    poller,
    timers,
    statusSite,
    mailDirectory: outbox.directory,
    deadLetterFile,
    replayDeadLetters: () =>
      replayDeadLetters({
        file: deadLetterFile,
        queues: Object.fromEntries(Object.values(queues).map((queue) => [queue.name, queue])),
        fanOut: async (record) => {
          try {
            const response = await fanOut({ Records: [record] });
            snapshots.request([record]);
            return (response?.batchItemFailures ?? []).length === 0;
          } catch (error) {
            log(`fan-out threw on a replayed stream record: ${String(error)}`);
            return false;
          }
        },
        now: Date.now,
      }),
    async settled(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      const idleOrDeadline = () => untilDeadline(poller.idle(), deadline);
      while (Date.now() < deadline) {
        await idleOrDeadline();
        for (const queue of Object.values(queues)) await queue.drained(Math.max(0, deadline - Date.now()));
        // The consumers write too (a subscribe's mail request, …): settled once a whole pass begun
        // after the queues drained finds nothing new on the stream and the queues are still empty.
        const seen = poller.deliveredRecords;
        await idleOrDeadline();
        if (poller.deliveredRecords === seen && Object.values(queues).every((queue) => queue.depth === 0)) {
          await untilDeadline(snapshots.idle(), deadline);
          return true;
        }
      }
      return false;
    },
    async stop() {
      await poller.stop();
      await timers.stop();
      await snapshots.stop();
      await Promise.all(Object.values(queues).map((queue) => queue.stop()));
      streams.destroy();
    },
  };
}

/** Waits for `work`, or until `deadline` (epoch ms) if that comes first. */
async function untilDeadline(work: Promise<void>, deadline: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise<void>((done) => (timer = setTimeout(done, Math.max(0, deadline - Date.now()))))]);
  clearTimeout(timer);
}

/** The visibility of whichever local queue a record came from (a consumer may read several). */
function byQueue(queues: readonly LocalQueue[]): MessageVisibility {
  return { delay: async (message, seconds) => void (await Promise.all(queues.map((queue) => queue.delay(message, seconds)))) };
}

/** `npm start` prints one line per send task: who a batch mailed, or which subscription mail went out. */
function logMail(consumer: Parameters<LocalQueue['consume']>[0], log: (line: string) => void): Parameters<LocalQueue['consume']>[0] {
  return async (event) => {
    const response = await consumer(event);
    const failed = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
    for (const record of event.Records) {
      const task = JSON.parse(record.body) as { kind: string; incidentId?: string; seq?: number; locale?: string; subscriberIds?: string[]; mail?: string };
      const what = task.kind === 'incident-mail' ? `${task.locale}  ${task.incidentId} #${task.seq} → ${task.subscriberIds?.length} recipient(s)` : `${task.mail} mail`;
      log(`email  ${what} ${failed.has(record.messageId) ? 'not finished, will retry' : 'sent'}`);
    }
    return response;
  };
}

/** `npm start` prints one line per webhook delivery attempt. */
function logWebhooks(consumer: Parameters<LocalQueue['consume']>[0], log: (line: string) => void): Parameters<LocalQueue['consume']>[0] {
  return async (event) => {
    const response = await consumer(event);
    const failed = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
    for (const record of event.Records) {
      const { incidentId, seq, locale, webhookId } = JSON.parse(record.body) as { incidentId: string; seq: number; locale: string; webhookId: string };
      log(`webhook ${locale}  ${incidentId} #${seq} → ${webhookId} ${failed.has(record.messageId) ? 'not delivered, will retry' : 'done'}`);
    }
    return response;
  };
}

/** `npm start` prints one line per message a channel handler took off its queue. */
function logDeliveries(
  channel: string,
  consumer: Parameters<LocalQueue['consume']>[0],
  log: (line: string) => void,
): Parameters<LocalQueue['consume']>[0] {
  return async (event) => {
    const response = await consumer(event);
    const failed = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
    for (const record of event.Records) {
      const { incidentId, seq, locale } = JSON.parse(record.body) as { incidentId: string; seq: number; locale: string };
      log(`${channel.padEnd(6)} ${locale}  ${incidentId} #${seq} ${failed.has(record.messageId) ? 'failed, will retry' : 'delivered'}`);
    }
    return response;
  };
}
