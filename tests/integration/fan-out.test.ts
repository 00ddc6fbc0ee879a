import { beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../lambdas/adapters/clock.js';
import { createDynamoStores } from '../../lambdas/adapters/dynamo/dynamo-stores.js';
import type { Notification } from '../../lambdas/core/delivery/build-notification.js';
import type { DeliveryLedger } from '../../lambdas/core/ports/delivery-ledger.js';
import type { Feed } from '../../lambdas/core/ports/feed.js';
import type { NotificationTopic } from '../../lambdas/core/ports/notification-topic.js';
import { CountingMetrics } from '../../local/counting-metrics.js';
import { RecordingLogger } from '../support/memory/recording-logger.js';
import { createFanOutHandler } from '../../lambdas/handlers/fanout/create-fanout-handler.js';
import { createInAppHandler } from '../../lambdas/handlers/inapp/create-inapp-handler.js';
import { aConfig } from '../support/builders.js';
import { aLocalTable } from '../support/local-table.js';
import { anSqsEventOf, aStreamEventOf } from '../support/stream-events.js';
import { anOpeningUpdate } from '../support/timeline.js';
import { MemoryTimers } from '../support/memory/memory-timers.js';

const config = aConfig();

/** A topic that records what it was asked to publish, and can be told to fail. */
class RecordingTopic implements NotificationTopic {
  readonly published: Notification[] = [];
  failAfter = Infinity;

  async publish(notification: Notification) {
    if (this.published.length >= this.failAfter) throw new Error('injected crash after publishing');
    this.published.push(notification);
    return { messageId: `sns-${this.published.length}` };
  }
}

let ledger: DeliveryLedger;
let feed: Feed;
let topic: RecordingTopic;
const observability = () => ({ logger: new RecordingLogger(), metrics: new CountingMetrics(), emailWork: { send: async () => {} }, timers: new MemoryTimers() });

beforeEach(async () => {
  const table = await aLocalTable();
  ({ deliveries: ledger, feed } = createDynamoStores(table.db, table));
  topic = new RecordingTopic();
});

const fanOut = () => createFanOutHandler({ config, ledger, topic, clock: systemClock, ...observability() });

describe('fan-out on DynamoDB Local', () => {
  it('publishes once per locale and writes a pending row per channel and locale', async () => {
    const update = anOpeningUpdate(config, { impact: 'major' });
    const result = await fanOut()(aStreamEventOf(update));
    expect(result.batchItemFailures).toEqual([]);
    expect(topic.published.map((notification) => notification.attributes['locale'])).toEqual(['en', 'id']);
    expect(topic.published[0]!.attributes).toMatchObject({ kind: 'apology', impact: 'major', channels: ['inapp', 'email', 'x', 'webhook'], components: ['chat'] });
    expect(topic.published[1]!.attributes['channels']).toEqual(['inapp', 'email', 'webhook']);
    const rows = await ledger.listForIncident(update.incidentId);
    expect(rows.map((row) => `${row.channel}:${row.locale}:${row.state}`).sort()).toEqual(
      // Email and webhooks stay pending until their recipients are sent to: their workers settle them, not the publish.
      ['email:en:pending', 'email:id:pending', 'inapp:en:pending', 'inapp:id:pending', 'webhook:en:pending', 'webhook:id:pending', 'x:en:pending'],
    );
  });

  it('a redelivered stream record publishes nothing twice', async () => {
    const update = anOpeningUpdate(config);
    const event = aStreamEventOf(update);
    await fanOut()(event);
    await fanOut()(event);
    await fanOut()(event);
    expect(topic.published).toHaveLength(2);
    expect(await ledger.listForIncident(update.incidentId)).toHaveLength(7);
  });

  it('a fan-out that crashes after publishing one locale publishes only the other when retried', async () => {
    const update = anOpeningUpdate(config);
    topic.failAfter = 1;
    const first = await fanOut()(aStreamEventOf(update));
    expect(first.batchItemFailures).toHaveLength(1);
    topic.failAfter = Infinity;
    await fanOut()(aStreamEventOf(update));
    expect(topic.published.map((notification) => notification.attributes['locale'])).toEqual(['en', 'id']);
  });

  it('one bad record is reported on its own and does not block the others', async () => {
    const good = anOpeningUpdate(config);
    const event = aStreamEventOf(good);
    event.Records.unshift({ ...event.Records[0]!, dynamodb: { SequenceNumber: '1', NewImage: { type: { S: 'update' }, seq: { S: 'not a number' } } } });
    const result = await fanOut()(event);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '1' }]);
    expect(topic.published).toHaveLength(2);
  });

  it('notify: false produces no rows and no sends', async () => {
    const update = anOpeningUpdate(config, { notify: false });
    await fanOut()(aStreamEventOf(update));
    expect(topic.published).toHaveLength(0);
    expect(await ledger.listForIncident(update.incidentId)).toEqual([]);
  });

  it('a channel switched off in configuration is recorded as skipped, with the reason', async () => {
    const quiet = aConfig({ channels: { x: { enabled: false } } });
    const update = anOpeningUpdate(quiet, { impact: 'critical' });
    await createFanOutHandler({ config: quiet, ledger, topic, clock: systemClock, ...observability() })(aStreamEventOf(update));
    const xRow = (await ledger.listForIncident(update.incidentId)).find((row) => row.channel === 'x');
    expect(xRow).toMatchObject({ state: 'skipped', detail: expect.stringMatching(/switched off/) });
    expect(topic.published.every((notification) => !(notification.attributes['channels'] as string[]).includes('x'))).toBe(true);
  });
});

describe('in-app channel on DynamoDB Local', () => {
  it('the same SQS message delivered twice leaves one feed item and one sent row', async () => {
    const update = anOpeningUpdate(config);
    await fanOut()(aStreamEventOf(update));
    const envelopes = topic.published.map((notification) => notification.envelope);
    const inApp = createInAppHandler({ ledger, feed, visibility: { delay: async () => {} }, clock: systemClock, ...observability(), feedRetentionDays: 90 });
    await inApp(anSqsEventOf(...envelopes));
    await inApp(anSqsEventOf(...envelopes));
    for (const locale of ['en', 'id']) {
      const { items } = await feed.page(locale, { limit: 10 });
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ updateId: update.id, locale, kind: 'apology' });
    }
    const rows = (await ledger.listForIncident(update.incidentId)).filter((row) => row.channel === 'inapp');
    expect(rows.map((row) => row.state)).toEqual(['sent', 'sent']);
  });
});
