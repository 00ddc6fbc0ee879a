import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStores } from '../../lambdas/adapters/dynamo/dynamo-stores.js';
import type { DeliveryKey } from '../../lambdas/core/ports/delivery-ledger.js';
import { CountingMetrics } from '../../local/counting-metrics.js';
import type { TimelineUpdate } from '../../lambdas/core/incident/model.js';
import { createFanOutHandler } from '../../lambdas/handlers/fanout/create-fanout-handler.js';
import { createInAppHandler } from '../../lambdas/handlers/inapp/create-inapp-handler.js';
import { createXChannelHandler } from '../../lambdas/handlers/x/create-x-channel-handler.js';
import { aConfig } from '../support/builders.js';
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
import { XLikeOutboxPoster } from '../support/x-like-outbox-poster.js';

// Crash injection: the fan-out and each channel handler die once at one step (an adapter call that
// throws before doing its work, or after doing it without the caller learning so), and Lambda's
// retries (the stream's, SQS's redelivery) take it from there, in virtual time.

const config = aConfig();
const observability = () => ({ logger: new RecordingLogger(), metrics: new CountingMetrics() });
const onChannel = (channel: string) => (args: unknown[]) => (args[0] as DeliveryKey | undefined)?.channel === channel;

interface Crash {
  step: string;
  stage: 'fanout-ledger' | 'topic' | 'inapp-ledger' | 'feed' | 'x-ledger' | 'poster';
  fault: Fault;
}

const crashes: Crash[] = [
  { step: 'fan-out: before the first ledger row', stage: 'fanout-ledger', fault: { method: 'putIfAbsent', when: 'before' } },
  { step: 'fan-out: after the first ledger row', stage: 'fanout-ledger', fault: { method: 'putIfAbsent', when: 'after' } },
  { step: 'fan-out: before reading which locales went out', stage: 'fanout-ledger', fault: { method: 'publishedLocales', when: 'before' } },
  { step: 'fan-out: before the publish', stage: 'topic', fault: { method: 'publish', when: 'before' } },
  { step: 'fan-out: after the publish, before its record', stage: 'topic', fault: { method: 'publish', when: 'after' } },
  { step: 'fan-out: after the publish record, before email is settled', stage: 'fanout-ledger', fault: { method: 'markPublished', when: 'after' } },
  { step: 'fan-out: after email is settled', stage: 'fanout-ledger', fault: { method: 'settle', when: 'after', matches: onChannel('email') } },
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
});

async function runWithCrash(crash: Crash) {
  const outboxDir = mkdtempSync(join(tmpdir(), 'crash-'));
  const clock = new VirtualClock();
  const { deliveries: ledger, feed } = createDynamoStores(table.db, table.tableName);
  const queues = { x: new SimulatedSqs({ name: 'x', clock }), inapp: new SimulatedSqs({ name: 'inapp', clock }) };
  const topic = new RoutingTopic(config, queues);
  const faultsAt = (stage: Crash['stage']) => (crash.stage === stage ? [crash.fault] : []);
  const wrapped = {
    fanoutLedger: withFaults(ledger, faultsAt('fanout-ledger'), 'ledger'),
    topic: withFaults(topic, faultsAt('topic'), 'topic'),
    inappLedger: withFaults(ledger, faultsAt('inapp-ledger'), 'ledger'),
    feed: withFaults(feed, faultsAt('feed'), 'feed'),
    xLedger: withFaults(ledger, faultsAt('x-ledger'), 'ledger'),
    poster: withFaults(new XLikeOutboxPoster({ outboxDir, clock: clock.clock }), faultsAt('poster'), 'poster'),
  };
  const updates = twoIncidents();

  const stream = await driveStream(aStreamEventOf(...updates).Records, createFanOutHandler({ config, ledger: wrapped.fanoutLedger.adapter, topic: wrapped.topic.adapter, clock: clock.clock, ...observability() }));
  await queues.inapp.drain(createInAppHandler({ ledger: wrapped.inappLedger.adapter, feed: wrapped.feed.adapter, visibility: queues.inapp, clock: clock.clock, ...observability() }));
  await queues.x.drain(
    createXChannelHandler({ ledger: wrapped.xLedger.adapter, poster: wrapped.poster.adapter, visibility: queues.x, clock: clock.clock, ...observability(), sleep: async () => {} }),
  );

  const fired = Object.values(wrapped).flatMap((entry) => entry.fired);
  const ours = new Set(updates.map((update) => update.id));
  const feedItems = (await Promise.all(config.locales.map((locale) => feed.page(locale, { limit: 100 })))).flatMap((page) => page.items).filter((item) => ours.has(item.updateId));
  const rows = (await Promise.all([...new Set(updates.map((update) => update.incidentId))].map((id) => ledger.listForIncident(id)))).flat();
  return { updates, fired, stream, queues, topic, feedItems, posts: xPostsIn(outboxDir), rows };
}

describe('crash injection: a handler that dies at any step is retried into exactly one delivery per channel', () => {
  it.each(crashes)('$step', async (crash) => {
    const { updates, fired, stream, queues, topic, feedItems, posts, rows } = await runWithCrash(crash);
    const updateIds = updates.map((update) => update.id).sort();

    expect(fired).toHaveLength(1);
    expect(stream.deadLetters).toEqual([]);
    expect([...queues.x.deadLetters, ...queues.inapp.deadLetters]).toEqual([]);
    expect(posts.map((post) => post.updateId).sort()).toEqual(updateIds);
    for (const locale of config.locales) expect(feedItems.filter((item) => item.locale === locale).map((item) => item.updateId).sort()).toEqual(updateIds);
    expect(rows).toHaveLength(updates.length * 5);
    expect(rows.filter((row) => row.state !== 'sent')).toEqual([]);

    const publishes = [...topic.publishCounts().values()];
    if (crash.step === 'fan-out: after the publish, before its record') {
      // docs/design.md's one window: a crash after SNS took a publish but before its record republishes that
      // locale. The queued channels' ledger rows swallow the copy (the asserts above); SNS email has no
      // deduplication, so that locale's subscribers get the mail twice. Counted here, not hidden.
      expect(publishes.sort()).toEqual([...Array(updates.length * config.locales.length - 1).fill(1), 2]);
    } else {
      expect(publishes).toEqual(Array(updates.length * config.locales.length).fill(1));
    }
  }, 30_000);
});
