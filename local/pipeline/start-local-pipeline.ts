import { join } from 'node:path';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { systemClock } from '../../lambdas/adapters/clock.js';
import type { Stores } from '../../lambdas/adapters/dynamo/dynamo-stores.js';
import { OutboxXPoster } from '../../lambdas/adapters/x/outbox-x-poster.js';
import { maxReceiveCount } from '../../lambdas/core/channels/queue-redrive.js';
import type { Config } from '../../lambdas/core/config/config-schema.js';
import type { Logger } from '../../lambdas/core/ports/logger.js';
import type { Metrics } from '../../lambdas/core/ports/metrics.js';
import type { XPoster } from '../../lambdas/core/ports/x-poster.js';
import { createFanOutHandler } from '../../lambdas/handlers/fanout/create-fanout-handler.js';
import { createInAppHandler } from '../../lambdas/handlers/inapp/create-inapp-handler.js';
import { createXChannelHandler } from '../../lambdas/handlers/x/create-x-channel-handler.js';
import { localCredentials, localRegion } from '../dynamodb-local.js';
import { EmailOutbox } from './email-outbox.js';
import { LocalQueue } from './local-queue.js';
import { LocalSubscriptionBook } from './local-subscription-book.js';
import { LocalTopic } from './local-topic.js';
import { StreamPoller } from './stream-poller.js';

export interface LocalPipelineOptions {
  config: Config;
  db: DynamoDBDocumentClient;
  tableName: string;
  stores: Stores;
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
}

export interface LocalPipeline {
  subscriptions: LocalSubscriptionBook;
  queues: { x: LocalQueue; inapp: LocalQueue };
  poller: StreamPoller;
  outbox: EmailOutbox;
  deadLetterFile: string;
  /** Resolves once every stored update has been fanned out and every queue is empty. */
  settled(timeoutMs?: number): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * docs/design.md's flow on a laptop: the table's stream → fan-out handler → local topic (filter policies
 * from the channel catalog) → local queues → the X and in-app handlers; email to `.eml` files.
 */
export async function startLocalPipeline(options: LocalPipelineOptions): Promise<LocalPipeline> {
  const { config, db, tableName, log, logger, metrics } = options;
  const deadLetterFile = join(options.outboxDir, 'dead-letter.jsonl');
  const ledger = options.stores.deliveries;
  const outbox = new EmailOutbox(options.outboxDir);
  const subscriptions = new LocalSubscriptionBook(db, tableName, config, outbox, options.publicUrl);
  const queueOptions = { maxReceiveCount, retryDelayMs: 250, deadLetterFile, log };
  const queues = {
    x: new LocalQueue({ name: 'x', ...queueOptions }),
    inapp: new LocalQueue({ name: 'inapp', ...queueOptions }),
  };
  const topic = new LocalTopic(config, queues, subscriptions, outbox, log);

  queues.inapp.consume(
    logDeliveries('inapp', createInAppHandler({ ledger, feed: options.stores.feed, visibility: queues.inapp, clock: systemClock, logger, metrics }), log),
  );
  const xHandler = createXChannelHandler({
    ledger,
    poster: options.xPoster ?? new OutboxXPoster({ outboxDir: options.outboxDir }),
    visibility: queues.x,
    clock: systemClock,
    logger,
    metrics,
    maxReceiveCount: queueOptions.maxReceiveCount,
  });
  queues.x.consume(logDeliveries('x', xHandler, log));

  const streams = new DynamoDBStreamsClient({ endpoint: options.dynamoEndpoint, region: localRegion, credentials: localCredentials });
  const poller = new StreamPoller(streams, {
    streamArn: options.streamArn,
    consumer: createFanOutHandler({ config, ledger, topic, clock: systemClock, logger, metrics }),
    maxAttempts: 5,
    retryDelayMs: 200,
    pollIntervalMs: 100,
    deadLetterFile,
    log,
  });
  poller.start();

  return {
    subscriptions,
    queues,
    poller,
    outbox,
    deadLetterFile,
    async settled(timeoutMs = 30_000) {
      // DynamoDB Local shows a write in its stream a little after it lands, so "idle and drained" once
      // is not enough: the pipeline is settled when it stays idle and drained for a quiet spell.
      const quietMs = 500;
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        await poller.idle();
        for (const queue of Object.values(queues)) await queue.drained(Math.max(0, deadline - Date.now()));
        const seen = poller.deliveredRecords;
        await new Promise((done) => setTimeout(done, quietMs));
        await poller.idle();
        if (poller.deliveredRecords === seen && Object.values(queues).every((queue) => queue.depth === 0)) return true;
      }
      return false;
    },
    async stop() {
      await poller.stop();
      await Promise.all(Object.values(queues).map((queue) => queue.stop()));
      streams.destroy();
    },
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
