import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStores } from '../../lambdas/adapters/dynamo/dynamo-stores.js';
import { CountingMetrics } from '../../local/counting-metrics.js';
import { OutboxXPoster } from '../../lambdas/adapters/x/outbox-x-poster.js';
import type { TimelineUpdate } from '../../lambdas/core/incident/model.js';
import { createFanOutHandler } from '../../lambdas/handlers/fanout/create-fanout-handler.js';
import { createInAppHandler } from '../../lambdas/handlers/inapp/create-inapp-handler.js';
import { createXChannelHandler } from '../../lambdas/handlers/x/create-x-channel-handler.js';
import { HmacSubscriptionTokens } from '../../lambdas/adapters/tokens/hmac-subscription-tokens.js';
import { headAfter } from '../../lambdas/core/incident/present-incident.js';
import { subscriberHears } from '../../lambdas/core/subscribers/subscriber-hears.js';
import { aConfig } from '../support/builders.js';
import { RecordingMailSender } from '../support/recording-mail-sender.js';
import { simulatedEmailChannel } from '../support/simulated-email-channel.js';
import { aSubscriber } from '../support/subscribers.js';
import { aLocalTable } from '../support/local-table.js';
import { RecordingLogger } from '../support/memory/recording-logger.js';
import { xPostsIn } from '../support/outbox.js';
import { RoutingTopic } from '../support/routing-topic.js';
import { SimulatedSqs, VirtualClock } from '../support/simulated-sqs.js';
import { driveStream } from '../support/simulated-stream.js';
import { aStreamEventOf } from '../support/stream-events.js';
import { aFollowUp, anOpeningUpdate } from '../support/timeline.js';
import { MemoryTimers } from '../support/memory/memory-timers.js';
import { ulidIds } from '../../lambdas/adapters/ids.js';
import { HmacWebhookSecrets } from '../../lambdas/adapters/tokens/hmac-webhook-secrets.js';
import type { WebhookPoster } from '../../lambdas/core/ports/webhook-poster.js';
import { webhookMessageId } from '../../lambdas/core/webhooks/webhook-delivery-task.js';
import type { WebhookDeliveryTask } from '../../lambdas/core/webhooks/webhook-delivery-task.js';
import { webhookHears } from '../../lambdas/core/webhooks/webhook-hears.js';
import type { WebhookSubscriber } from '../../lambdas/core/webhooks/webhook-subscriber.js';
import { createWebhookPlannerHandler } from '../../lambdas/handlers/webhooks/create-webhook-planner-handler.js';
import { createWebhookSenderHandler } from '../../lambdas/handlers/webhooks/create-webhook-sender-handler.js';

// Redelivery storm: every stream record and every SQS message arrives three times, in an order
// fast-check picks within what the engines guarantee (a shard's order per incident, a FIFO queue's
// order per incident and locale), with channel batches running side by side as concurrent Lambda
// invocations.
// At-least-once in, exactly-once out (docs/design.md): one post, one feed item, one mail to each
// subscriber, one `sent` row each.

const config = aConfig();
const observability = () => ({ logger: new RecordingLogger(), metrics: new CountingMetrics() });
const tokens = new HmacSubscriptionTokens(Buffer.alloc(32, 3));
/** Readers in both languages, some following only one component (the storm's incidents are about chat). */
const subscribers = [
  ...Array.from({ length: 6 }, (_, index) => aSubscriber({ locale: index % 2 ? 'id' : 'en' })),
  aSubscriber({ components: ['chat'] }),
  aSubscriber({ components: ['api'], locale: 'id' }),
];

let table: Awaited<ReturnType<typeof aLocalTable>>;

/** Webhook subscribers in both locales, one of them following only a component these incidents may not touch. */
const webhookSubscribers: WebhookSubscriber[] = [
  { id: ulidIds.webhookId(), url: 'https://hooks.example.com/a', format: 'json', locale: 'en', components: [], state: 'active', createdAt: '2024-12-01T00:00:00.000Z' },
  { id: ulidIds.webhookId(), url: 'https://hooks.example.com/b', format: 'teams', locale: 'id', components: [], state: 'active', createdAt: '2024-12-01T00:00:00.000Z' },
  { id: ulidIds.webhookId(), url: 'https://hooks.example.com/c', format: 'discord', locale: 'en', components: ['api'], state: 'active', createdAt: '2024-12-01T00:00:00.000Z' },
];
const webhookSecrets = new HmacWebhookSecrets(Buffer.alloc(32, 3));

beforeAll(async () => {
  // One table for every order: each run has incidents of its own.
  table = await aLocalTable();
  const { subscribers: list, webhooks } = createDynamoStores(table.db, table);
  for (const subscriber of subscribers) await list.create(subscriber);
  for (const subscriber of webhookSubscribers) await webhooks.create(subscriber);
});

/** Three incidents of four updates each, apology to recovery, each with words of its own. */
function aStormOfUpdates(run: number): TimelineUpdate[] {
  return Array.from({ length: 3 }, (_, incident) => {
    const opening = anOpeningUpdate(config, { impact: 'major', message: `Storm ${run}, incident ${incident}: chat is failing.` });
    const identified = aFollowUp(opening, config, { status: 'identified', message: `Storm ${run}, incident ${incident}: cause found.` });
    const monitoring = aFollowUp(identified, config, { status: 'monitoring', message: `Storm ${run}, incident ${incident}: fix rolling out.` });
    const resolved = aFollowUp(monitoring, config, { status: 'resolved', message: `Storm ${run}, incident ${incident}: all working again.` });
    return [opening, identified, monitoring, resolved];
  }).flat();
}

/** A shuffle driven by fast-check's seed, so a failing order can be replayed. */
function seededShuffle(seed: number) {
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  return <T>(items: T[]): T[] => {
    const shuffled = [...items];
    for (let index = shuffled.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [shuffled[index], shuffled[other]] = [shuffled[other]!, shuffled[index]!];
    }
    return shuffled;
  };
}

/** `items` shuffled across keys, each key's items keeping their order (a shard's order per partition key). */
function interleaveKeepingOrder<T>(items: T[], keyOf: (item: T) => string, shuffle: <U>(values: U[]) => U[]): T[] {
  const queues = new Map<string, T[]>();
  for (const item of items) queues.set(keyOf(item), [...(queues.get(keyOf(item)) ?? []), item]);
  return shuffle(items.map(keyOf)).map((key) => queues.get(key)!.shift()!);
}

describe('a redelivery storm', () => {
  it('every stream record and SQS message delivered three times in random order still posts, feeds and settles each message exactly once', async () => {
    const figures = { runs: 0, streamDeliveries: 0, xMessages: 0, inAppMessages: 0, mostReceives: 0, mails: 0, sendTasks: 0 };
    await fc.assert(
      fc.asyncProperty(fc.integer(), async (seed) => {
        const shuffle = seededShuffle(seed);
        const outboxDir = mkdtempSync(join(tmpdir(), 'storm-'));
        const clock = new VirtualClock();
        const stores = createDynamoStores(table.db, table);
        const { deliveries: ledger, feed } = stores;
        // The channel queues are FIFO, as deployed: copies and shuffles, but each incident's updates in order per locale.
        const queueOptions = { clock, copiesPerSend: 3, order: shuffle, fifo: true };
        const mailSender = new RecordingMailSender();
        const email = simulatedEmailChannel({ config, stores, mailSender, tokens, clock, ...observability(), queues: { copiesPerSend: 3, order: shuffle }, senders: 3 });
        const queues = {
          x: new SimulatedSqs({ name: 'x', ...queueOptions }),
          inapp: new SimulatedSqs({ name: 'inapp', ...queueOptions }),
          email: email.queues.email,
          webhook: new SimulatedSqs({ name: 'webhook', ...queueOptions }),
          webhookSend: new SimulatedSqs({ name: 'webhook-send', ...queueOptions }),
        };
        const webhookPosts: { url: string; messageId: string; seq: number; incidentId: string }[] = [];
        const poster: WebhookPoster = {
          async post(request) {
            const { data } = JSON.parse(request.body) as { data?: { incident: { id: string }; update: { seq: number } } };
            webhookPosts.push({ url: request.url, messageId: request.headers['webhook-id']!, seq: data?.update.seq ?? 0, incidentId: data?.incident.id ?? '' });
            return { outcome: 'delivered', status: 200 };
          },
        };
        const webhookWork = {
          queueDeliveries: async (tasks: readonly WebhookDeliveryTask[]) => tasks.forEach((task) => queues.webhookSend.send(JSON.stringify(task), 0, { groupId: task.webhookId, deduplicationId: webhookMessageId(task) })),
        };
        const topic = new RoutingTopic(config, queues);
        const updates = aStormOfUpdates(figures.runs);
        // The email workers read the update from the table, as deployed.
        for (const update of updates) await stores.incidents.commit({ head: headAfter(update), update }, update.seq === 1 ? null : update.seq - 1);

        // A shard is read by one invocation at a time, so copies of a record never race, and Lambda keeps
        // the shard's order: an incident's records (one partition key, one shard) come in order, each
        // round of copies after the last; the incidents are interleaved as the seed says.
        const records = aStreamEventOf(...updates).Records;
        const deliveries = interleaveKeepingOrder([...records, ...records, ...records], (record) => String(record.dynamodb?.Keys?.['pk']?.S), shuffle);
        const stream = await driveStream(deliveries, createFanOutHandler({ config, ledger, topic, emailWork: email.work, timers: new MemoryTimers(), clock: clock.clock, ...observability() }));
        await Promise.all([
          email.run(),
          (async () => {
            await queues.webhook.drain(
              createWebhookPlannerHandler({ config, incidents: stores.incidents, webhooks: stores.webhooks, ledger: stores.webhookLedger, work: webhookWork, visibility: queues.webhook, clock: clock.clock, ...observability() }),
              { concurrentBatches: 3 },
            );
            await queues.webhookSend.drain(
              createWebhookSenderHandler({ config, incidents: stores.incidents, webhooks: stores.webhooks, ledger: stores.webhookLedger, poster, secrets: async () => webhookSecrets, visibility: queues.webhookSend, clock: clock.clock, ...observability() }),
              { concurrentBatches: 3 },
            );
          })(),
          queues.inapp.drain(createInAppHandler({ ledger, feed, visibility: queues.inapp, clock: clock.clock, ...observability(), feedRetentionDays: 90 }), { concurrentBatches: 3 }),
          queues.x.drain(
            createXChannelHandler({ ledger, poster: new OutboxXPoster({ outboxDir, clock: clock.clock }), visibility: queues.x, clock: clock.clock, ...observability(), sleep: async () => {} }),
            { concurrentBatches: 3 },
          ),
        ]);

        expect(stream.deadLetters).toEqual([]);
        expect([...queues.x.deadLetters, ...queues.inapp.deadLetters, ...email.deadLetters(), ...queues.webhook.deadLetters, ...queues.webhookSend.deadLetters]).toEqual([]);
        // Each webhook subscriber gets each update it hears once, whatever the copies, and an incident's in order.
        for (const subscriber of webhookSubscribers) {
          const due = updates.filter((update) => webhookHears(subscriber, update, subscriber.locale)).map((update) => webhookMessageId({ updateId: update.id, webhookId: subscriber.id }));
          const got = webhookPosts.filter((post) => post.messageId.endsWith(subscriber.id));
          expect(got.map((post) => post.messageId).sort(), subscriber.url).toEqual(due.sort());
          for (const incidentId of new Set(got.map((post) => post.incidentId).filter(Boolean))) {
            const seqs = got.filter((post) => post.incidentId === incidentId).map((post) => post.seq);
            expect(seqs, `${subscriber.url} ${incidentId}`).toEqual([...seqs].sort((a, b) => a - b));
          }
        }
        const mails = mailSender.countsByRecipient();
        for (const update of updates) {
          const due = subscribers.filter((subscriber) => subscriberHears(subscriber, update));
          for (const subscriber of subscribers) {
            expect(mails.get(subscriber.email)?.get(`${update.incidentId}#${update.seq}`), `${subscriber.email}, ${update.id}`).toBe(due.includes(subscriber) ? 1 : undefined);
          }
        }
        expect([...topic.publishCounts().values()]).toEqual(Array(updates.length * config.locales.length).fill(1));

        const posts = xPostsIn(outboxDir);
        expect(posts.map((post) => post.updateId).sort()).toEqual(updates.map((update) => update.id).sort());
        for (const update of updates.filter((candidate) => candidate.seq > 1)) {
          const previous = updates.find((candidate) => candidate.incidentId === update.incidentId && candidate.seq === update.seq - 1)!;
          // The thread holds too: each later post answers the one before it.
          expect(posts.find((post) => post.updateId === update.id)!.inReplyTo).toBe(posts.find((post) => post.updateId === previous.id)!.id);
        }

        for (const locale of config.locales) {
          const { items } = await feed.page(locale, { limit: 100 });
          const ours = new Set(updates.map((update) => update.id));
          expect(items.filter((item) => ours.has(item.updateId)).map((item) => item.updateId).sort()).toEqual(updates.map((update) => update.id).sort());
        }

        const rows = (await Promise.all([...new Set(updates.map((update) => update.incidentId))].map((id) => ledger.listForIncident(id)))).flat();
        // Per update: email, in-app and webhooks in both locales, X in English.
        expect(rows).toHaveLength(updates.length * 7);
        expect(rows.filter((row) => row.state !== 'sent')).toEqual([]);

        figures.runs++;
        figures.streamDeliveries += records.length * 3;
        figures.xMessages += queues.x.sent;
        figures.inAppMessages += queues.inapp.sent;
        figures.mostReceives = Math.max(figures.mostReceives, queues.x.mostReceives, queues.inapp.mostReceives, email.queues.send.mostReceives);
        figures.mails += mailSender.sent.length;
        figures.sendTasks += email.queues.send.sent;
      }),
      { numRuns: 3 },
    );
    console.log(
      `redelivery storm: ${figures.runs} orders; ${figures.streamDeliveries} stream deliveries, ${figures.xMessages} X and ${figures.inAppMessages} in-app messages ` +
        `(each 3×), ${figures.sendTasks} email send tasks (each 3×) for ${figures.mails} mails, at most ${figures.mostReceives} receives of one message, nothing in a DLQ`,
    );
  }, 120_000);
});
