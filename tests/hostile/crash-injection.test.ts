import type { Feed } from '../../lambdas/core/ports/feed.js';
import type { FeedItem } from '../../lambdas/core/incident/answer-schemas.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStores } from '../../lambdas/adapters/dynamo/dynamo-stores.js';
import { CountingMetrics } from '../../local/counting-metrics.js';
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
import type { Fault } from '../support/fault-injection.js';
import { withFaults } from '../support/fault-injection.js';
import { aLocalTable } from '../support/local-table.js';
import { RecordingLogger } from '../support/memory/recording-logger.js';
import { xPostsIn } from '../support/outbox.js';
import { RoutingTopic } from '../support/routing-topic.js';
import { SimulatedSqs, VirtualClock } from '../support/simulated-sqs.js';
import { driveStream } from '../support/simulated-stream.js';
import { aStreamEventOf } from '../support/stream-events.js';
import { aFollowUp, anOpeningUpdate } from '../support/timeline.js';
import { OutboxXPoster } from '../../lambdas/adapters/x/outbox-x-poster.js';
import { MemoryTimers } from '../support/memory/memory-timers.js';
import { HmacWebhookSecrets } from '../../lambdas/adapters/tokens/hmac-webhook-secrets.js';
import type { WebhookPoster } from '../../lambdas/core/ports/webhook-poster.js';
import { webhookMessageId } from '../../lambdas/core/webhooks/webhook-delivery-task.js';
import { webhookHears } from '../../lambdas/core/webhooks/webhook-hears.js';
import type { WebhookSubscriber } from '../../lambdas/core/webhooks/webhook-subscriber.js';
import { ulidIds } from '../../lambdas/adapters/ids.js';
import { createWebhookPlannerHandler } from '../../lambdas/handlers/webhooks/create-webhook-planner-handler.js';
import { createWebhookSenderHandler } from '../../lambdas/handlers/webhooks/create-webhook-sender-handler.js';

// Crash injection: the fan-out and each channel handler die once at one step (an adapter call that
// throws before doing its work, or after doing it without the caller learning so), and Lambda's
// retries (the stream's, SQS's redelivery) take it from there, in virtual time.

const config = aConfig();
const observability = () => ({ logger: new RecordingLogger(), metrics: new CountingMetrics() });
const tokens = new HmacSubscriptionTokens(Buffer.alloc(32, 9));
/** Who the email channel mails: both languages, one reader following only a component these incidents do not touch. */
const subscribers = [aSubscriber(), aSubscriber({ locale: 'id' }), aSubscriber({ components: ['chat'] }), aSubscriber({ components: ['api'] })];
/** Who the webhook channel posts to, chosen the same way. */
const webhookSubscriber = (overrides: Partial<WebhookSubscriber>): WebhookSubscriber => ({
  id: ulidIds.webhookId(),
  url: 'https://hooks.example.com/in',
  format: 'json',
  locale: 'en',
  components: [],
  state: 'active',
  createdAt: '2024-12-01T00:00:00.000Z',
  ...overrides,
});
const webhookSubscribers = [webhookSubscriber({}), webhookSubscriber({ locale: 'id', format: 'slack' }), webhookSubscriber({ components: ['api'] })];
const webhookSecrets = new HmacWebhookSecrets(Buffer.alloc(32, 5));

interface Crash {
  step: string;
  stage: 'fanout-ledger' | 'topic' | 'inapp-ledger' | 'feed' | 'x-ledger' | 'poster' | 'email-ledger' | 'mail' | 'webhook-ledger' | 'webhook-poster';
  fault: Fault;
}

const crashes: Crash[] = [
  { step: 'fan-out: before the first ledger row', stage: 'fanout-ledger', fault: { method: 'putIfAbsent', when: 'before' } },
  { step: 'fan-out: after the first ledger row', stage: 'fanout-ledger', fault: { method: 'putIfAbsent', when: 'after' } },
  { step: 'fan-out: before reading which locales went out', stage: 'fanout-ledger', fault: { method: 'publishedLocales', when: 'before' } },
  { step: 'fan-out: before the publish', stage: 'topic', fault: { method: 'publish', when: 'before' } },
  { step: 'fan-out: after the publish, before its record', stage: 'topic', fault: { method: 'publish', when: 'after' } },
  { step: 'fan-out: after the publish record, before email is settled', stage: 'fanout-ledger', fault: { method: 'markPublished', when: 'after' } },
  { step: 'email planner: before beginning (the first pages read, not recorded)', stage: 'email-ledger', fault: { method: 'beginPlanning', when: 'before' } },
  { step: 'email planner: after beginning, before handing on the first pages', stage: 'email-ledger', fault: { method: 'beginPlanning', when: 'after' } },
  { step: 'email planner: after handing on the first pages, before marking them', stage: 'email-ledger', fault: { method: 'markFirstPagesQueued', when: 'before' } },
  { step: 'email planner: before recording a later page', stage: 'email-ledger', fault: { method: 'recordPage', when: 'before' } },
  { step: 'email planner: after recording a later page, before queuing its batches', stage: 'email-ledger', fault: { method: 'recordPage', when: 'after' } },
  { step: 'email planner: after queuing a later page, before marking it queued', stage: 'email-ledger', fault: { method: 'markPageQueued', when: 'before' } },
  { step: 'email sender: after claiming a recipient, before its send', stage: 'email-ledger', fault: { method: 'claimRecipient', when: 'after' } },
  { step: 'email sender: SES took the mail, the answer lost', stage: 'mail', fault: { method: 'send', when: 'after' } },
  { step: 'email sender: after a send, before its settle', stage: 'email-ledger', fault: { method: 'settleRecipient', when: 'before' } },
  { step: 'email sender: after every settle, before the batch is counted', stage: 'email-ledger', fault: { method: 'recordBatch', when: 'before' } },
  { step: 'email sender: after the batch is counted, before completing the delivery', stage: 'email-ledger', fault: { method: 'completeIfDone', when: 'before' } },
  { step: 'in-app: before the feed put', stage: 'feed', fault: { method: 'putIfAbsent', when: 'before' } },
  { step: 'in-app: after the feed put, before settle', stage: 'feed', fault: { method: 'putIfAbsent', when: 'after' } },
  { step: 'in-app: after settle', stage: 'inapp-ledger', fault: { method: 'settle', when: 'after' } },
  { step: 'X: before the claim', stage: 'x-ledger', fault: { method: 'claim', when: 'before' } },
  { step: 'X: after the claim, before the post', stage: 'x-ledger', fault: { method: 'claim', when: 'after' } },
  { step: 'X: while finding the thread', stage: 'x-ledger', fault: { method: 'listForIncident', when: 'before' } },
  { step: 'X: before the post', stage: 'poster', fault: { method: 'post', when: 'before' } },
  { step: 'X: after the post, its answer lost', stage: 'poster', fault: { method: 'post', when: 'after' } },
  { step: 'X: after the post, before settle', stage: 'x-ledger', fault: { method: 'settle', when: 'before' } },
  { step: 'X: after settle', stage: 'x-ledger', fault: { method: 'settle', when: 'after' } },
  { step: 'webhook planner: before planning', stage: 'webhook-ledger', fault: { method: 'plan', when: 'before' } },
  { step: 'webhook planner: after planning, before queuing the deliveries', stage: 'webhook-ledger', fault: { method: 'plan', when: 'after' } },
  { step: 'webhook planner: after queuing, before completing an empty delivery', stage: 'webhook-ledger', fault: { method: 'completeIfDone', when: 'before' } },
  { step: 'webhook worker: before reading the recipient', stage: 'webhook-ledger', fault: { method: 'recipient', when: 'before' } },
  { step: 'webhook worker: the receiver took it, the answer lost', stage: 'webhook-poster', fault: { method: 'post', when: 'after' } },
  { step: 'webhook worker: after the post, before its settle', stage: 'webhook-ledger', fault: { method: 'settle', when: 'before' } },
  { step: 'webhook worker: after the settle', stage: 'webhook-ledger', fault: { method: 'settle', when: 'after' } },
];

/** Two incidents, apology then update, major: email and in-app in both locales, X in English. */
function twoIncidents(): TimelineUpdate[] {
  return [0, 1].flatMap((incident) => {
    const opening = anOpeningUpdate(config, { impact: 'major', message: `Crash incident ${incident}: chat is down.` });
    return [opening, aFollowUp(opening, config, { status: 'identified', message: `Crash incident ${incident}: cause found.` })];
  });
}

let table: Awaited<ReturnType<typeof aLocalTable>>;

beforeAll(async () => {
  // One table for every crash: each run has incidents of its own, so their rows and feed items never mix.
  table = await aLocalTable();
  const { subscribers: list, webhooks } = createDynamoStores(table.db, table);
  for (const subscriber of subscribers) await list.create(subscriber);
  for (const subscriber of webhookSubscribers) await webhooks.create(subscriber);
});

async function wholeFeed(feed: Pick<Feed, 'page'>, locale: string): Promise<FeedItem[]> {
  const items: FeedItem[] = [];
  let after: string | undefined;
  // Oldest first, the cursor is never null: the feed is read whole once a page comes back empty.
  for (;;) {
    const page = await feed.page(locale, { limit: 100, ...(after ? { after } : {}) });
    if (page.items.length === 0) return items;
    items.push(...page.items);
    after = page.nextCursor ?? undefined;
  }
}

async function runWithCrash(crash: Crash) {
  const outboxDir = mkdtempSync(join(tmpdir(), 'crash-'));
  const clock = new VirtualClock();
  const stores = createDynamoStores(table.db, table);
  const { deliveries: ledger, feed } = stores;
  const faultsAt = (stage: Crash['stage']) => (crash.stage === stage ? [crash.fault] : []);
  const emailLedger = withFaults(stores.emailLedger, faultsAt('email-ledger'), 'email-ledger');
  const mailSender = new RecordingMailSender();
  const mail = withFaults(mailSender, faultsAt('mail'), 'ses');
  // One subscriber per page: every shard with a reader has a later page to plan (DynamoDB answers a
  // full page with a cursor even when nothing follows), so the later-page steps run too.
  const email = simulatedEmailChannel({ config, stores: { ...stores, emailLedger: emailLedger.adapter }, mailSender: mail.adapter, tokens, clock, pageSize: 1, ...observability() });
  const webhookPosts: { webhookId: string; messageId: string }[] = [];
  const recordingPoster: WebhookPoster = {
    async post(request) {
      webhookPosts.push({ webhookId: request.url, messageId: request.headers['webhook-id']! });
      return { outcome: 'delivered', status: 200 };
    },
  };
  const queues = {
    x: new SimulatedSqs({ name: 'x', clock }),
    inapp: new SimulatedSqs({ name: 'inapp', clock }),
    email: email.queues.email,
    webhook: new SimulatedSqs({ name: 'webhook', clock, fifo: true }),
    webhookSend: new SimulatedSqs({ name: 'webhook-send', clock, fifo: true }),
  };
  const topic = new RoutingTopic(config, queues);
  const wrapped = {
    fanoutLedger: withFaults(ledger, faultsAt('fanout-ledger'), 'ledger'),
    topic: withFaults(topic, faultsAt('topic'), 'topic'),
    inappLedger: withFaults(ledger, faultsAt('inapp-ledger'), 'ledger'),
    feed: withFaults(feed, faultsAt('feed'), 'feed'),
    xLedger: withFaults(ledger, faultsAt('x-ledger'), 'ledger'),
    poster: withFaults(new OutboxXPoster({ outboxDir, clock: clock.clock }), faultsAt('poster'), 'poster'),
    emailLedger,
    mail,
    webhookLedger: withFaults(stores.webhookLedger, faultsAt('webhook-ledger'), 'webhook-ledger'),
    webhookPoster: withFaults(recordingPoster, faultsAt('webhook-poster'), 'webhook-poster'),
  };
  const updates = twoIncidents();
  // The email workers read each update from the table, as deployed.
  for (const update of updates) await stores.incidents.commit({ head: headAfter(update), update }, update.seq === 1 ? null : update.seq - 1);

  const stream = await driveStream(aStreamEventOf(...updates).Records, createFanOutHandler({ config, ledger: wrapped.fanoutLedger.adapter, topic: wrapped.topic.adapter, emailWork: email.work, timers: new MemoryTimers(), clock: clock.clock, ...observability() }));
  await queues.inapp.drain(createInAppHandler({ ledger: wrapped.inappLedger.adapter, feed: wrapped.feed.adapter, visibility: queues.inapp, clock: clock.clock, ...observability(), feedRetentionDays: 90 }));
  await queues.x.drain(
    createXChannelHandler({ ledger: wrapped.xLedger.adapter, poster: wrapped.poster.adapter, visibility: queues.x, clock: clock.clock, ...observability(), sleep: async () => {} }),
  );
  await email.run();
  const webhookWork = { queueDeliveries: async (tasks: readonly { webhookId: string; updateId: string }[]) => tasks.forEach((task) => queues.webhookSend.send(JSON.stringify(task), 0, { groupId: task.webhookId, deduplicationId: webhookMessageId(task) })) };
  await queues.webhook.drain(
    createWebhookPlannerHandler({ config, incidents: stores.incidents, webhooks: stores.webhooks, ledger: wrapped.webhookLedger.adapter, work: webhookWork, visibility: queues.webhook, clock: clock.clock, ...observability() }),
  );
  await queues.webhookSend.drain(
    createWebhookSenderHandler({
      config,
      incidents: stores.incidents,
      webhooks: stores.webhooks,
      ledger: wrapped.webhookLedger.adapter,
      poster: wrapped.webhookPoster.adapter,
      secrets: async () => webhookSecrets,
      visibility: queues.webhookSend,
      clock: clock.clock,
      ...observability(),
    }),
  );

  const fired = Object.values(wrapped).flatMap((entry) => entry.fired);
  const ours = new Set(updates.map((update) => update.id));
  // Every run of this file writes to the same feed partitions: read them to the end.
  const feedItems = (await Promise.all(config.locales.map((locale) => wholeFeed(feed, locale)))).flat().filter((item) => ours.has(item.updateId));
  const rows = (await Promise.all([...new Set(updates.map((update) => update.incidentId))].map((id) => ledger.listForIncident(id)))).flat();
  return { updates, fired, stream, queues, email, topic, feedItems, posts: xPostsIn(outboxDir), rows, mails: mailSender.countsByRecipient(), webhookPosts };
}

describe('crash injection: a handler that dies at any step is retried into exactly one delivery per channel', () => {
  it.each(crashes)('$step', async (crash) => {
    const { updates, fired, stream, queues, email, topic, feedItems, posts, rows, mails, webhookPosts } = await runWithCrash(crash);
    const updateIds = updates.map((update) => update.id).sort();

    expect(fired).toHaveLength(1);
    expect(stream.deadLetters).toEqual([]);
    expect([...queues.x.deadLetters, ...queues.inapp.deadLetters, ...email.deadLetters(), ...queues.webhook.deadLetters, ...queues.webhookSend.deadLetters]).toEqual([]);
    expect(posts.map((post) => post.updateId).sort()).toEqual(updateIds);
    for (const locale of config.locales) expect(feedItems.filter((item) => item.locale === locale).map((item) => item.updateId).sort()).toEqual(updateIds);
    // Email, in-app and webhooks in both locales, X in English.
    expect(rows).toHaveLength(updates.length * 7);
    expect(rows.filter((row) => row.state !== 'sent')).toEqual([]);

    const publishes = [...topic.publishCounts().values()];
    if (crash.step === 'fan-out: after the publish, before its record') {
      // docs/design.md's one window of the fan-out: a crash after SNS took a publish but before its record
      // republishes that locale. Every channel's ledger swallows the copy (the asserts above and below).
      expect(publishes.sort()).toEqual([...Array(updates.length * config.locales.length - 1).fill(1), 2]);
    } else {
      expect(publishes).toEqual(Array(updates.length * config.locales.length).fill(1));
    }
    // One mail per update to each subscriber it concerns. The email channel's one window: a worker that dies
    // after SES took a mail but before its settle is written (inside the call, or right after it) repeats
    // that one mail on the retry — never more than one mail per crash.
    const repeated = crash.stage === 'mail' || crash.step === 'email sender: after a send, before its settle' ? 1 : 0;
    let extra = 0;
    for (const update of updates) {
      for (const subscriber of subscribers) {
        const count = mails.get(subscriber.email)?.get(`${update.incidentId}#${update.seq}`) ?? 0;
        const due = subscriberHears(subscriber, update) ? 1 : 0;
        expect(count, `${subscriber.email} got update ${update.id} ${count} times`).toBeGreaterThanOrEqual(due);
        extra += count - due;
      }
    }
    expect(extra).toBe(repeated);

    // One POST per update to each webhook subscriber who hears it; the webhook channel's one window (the
    // receiver took it but the worker never learned so) repeats that one POST under the same webhook-id.
    const posted = new Map<string, number>();
    for (const { messageId } of webhookPosts) posted.set(messageId, (posted.get(messageId) ?? 0) + 1);
    const due = updates.flatMap((update) =>
      webhookSubscribers.filter((subscriber) => config.locales.some((locale) => webhookHears(subscriber, update, locale))).map((subscriber) => webhookMessageId({ updateId: update.id, webhookId: subscriber.id })),
    );
    expect(new Set(posted.keys())).toEqual(new Set(due));
    const repeatedPosts = crash.stage === 'webhook-poster' || crash.step === 'webhook worker: after the post, before its settle' ? 1 : 0;
    expect([...posted.values()].reduce((sum, count) => sum + count, 0) - due.length).toBe(repeatedPosts);
  }, 30_000);
});
