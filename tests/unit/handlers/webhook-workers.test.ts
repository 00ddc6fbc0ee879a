import { randomBytes } from 'node:crypto';
import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { Webhook } from 'standardwebhooks';
import { beforeEach, describe, expect, it } from 'vitest';
import { HmacWebhookSecrets } from '../../../lambdas/adapters/tokens/hmac-webhook-secrets.js';
import { buildNotification } from '../../../lambdas/core/delivery/build-notification.js';
import { declareIncident } from '../../../lambdas/core/incident/lifecycle.js';
import type { WebhookPoster, WebhookRequest, WebhookResponse } from '../../../lambdas/core/ports/webhook-poster.js';
import type { WebhookDeliveryTask } from '../../../lambdas/core/webhooks/webhook-delivery-task.js';
import { disableAfterFailingMs } from '../../../lambdas/core/webhooks/webhook-health.js';
import { webhookRetryHorizonMs } from '../../../lambdas/core/webhooks/webhook-retry.js';
import type { WebhookSubscriber } from '../../../lambdas/core/webhooks/webhook-subscriber.js';
import { createWebhookPlannerHandler } from '../../../lambdas/handlers/webhooks/create-webhook-planner-handler.js';
import { createWebhookSenderHandler } from '../../../lambdas/handlers/webhooks/create-webhook-sender-handler.js';
import { CountingMetrics } from '../../../local/counting-metrics.js';
import { aConfig, aDeclareInput } from '../../support/builders.js';
import { memoryStores } from '../../support/memory/memory-stores.js';
import type { MemoryStores } from '../../support/memory/memory-stores.js';
import { RecordingLogger } from '../../support/memory/recording-logger.js';

// The webhook planner and workers over in-memory stores, with a poster the test scripts: who is
// planned, what is posted and signed, and every way a delivery ends (sent, retried, failed, suppressed).

const config = aConfig();
const secrets = new HmacWebhookSecrets(randomBytes(32));
// The real time: the Standard Webhooks library refuses a signature more than five minutes old.
let now = Date.now();
const clock = () => new Date(now);
let stores: MemoryStores;
let posted: WebhookRequest[];
let answers: WebhookResponse[];
let delays: number[];
let queued: WebhookDeliveryTask[];
const logger = new RecordingLogger();

const poster: WebhookPoster = {
  async post(request) {
    posted.push(request);
    return answers.shift() ?? { outcome: 'delivered', status: 200 };
  },
};

function aSubscriber(overrides: Partial<WebhookSubscriber> = {}): WebhookSubscriber {
  return { id: `whk_01JF3Z${String(Math.floor(Math.random() * 1e15)).padStart(20, '0')}`, url: 'https://hooks.example.com/in', format: 'json', locale: 'en', components: [], state: 'active', createdAt: '2024-12-01T00:00:00.000Z', ...overrides };
}

function aRecord(body: unknown, receiveCount = 1, sentAt = now): SQSRecord {
  return {
    messageId: `m-${Math.random()}`,
    receiptHandle: `r-${Math.random()}`,
    body: JSON.stringify(body),
    attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: String(sentAt), SenderId: 'test', ApproximateFirstReceiveTimestamp: String(sentAt), MessageGroupId: 'g' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:webhook-send.fifo',
    awsRegion: 'eu-west-1',
  };
}

const visibility = { delay: async (_record: unknown, seconds: number) => void delays.push(seconds) };
const planner = () =>
  createWebhookPlannerHandler({ config, incidents: stores.incidents, webhooks: stores.webhooks, ledger: stores.webhookLedger, work: { queueDeliveries: async (tasks) => void queued.push(...tasks) }, visibility, clock, logger, metrics: new CountingMetrics() });
const sender = () =>
  createWebhookSenderHandler({ config, incidents: stores.incidents, webhooks: stores.webhooks, ledger: stores.webhookLedger, poster, secrets: async () => secrets, visibility, clock, logger, metrics: new CountingMetrics(), random: () => 0 });

async function aDeclaredIncident(components: string[] = ['chat']) {
  const change = declareIncident(
    aDeclareInput({ components: components.map((id) => ({ id, status: 'major_outage' })) }),
    { incidentId: 'inc_01JF3Z8Q4W6X2N5R7T9V1B3C5D', updateId: 'upd_01JF3Z8Q4W6X2N5R7T9V1B3C5E' },
    new Date(now).toISOString(),
    config,
  );
  await stores.incidents.commit(change, null);
  for (const locale of config.locales) {
    await stores.deliveries.putIfAbsent({ incidentId: change.update.incidentId, seq: 1, channel: 'webhook', locale, updateId: change.update.id, state: 'pending' }, new Date(now).toISOString());
  }
  return change.update;
}

/** What the fan-out publishes for the update in one locale: the planner's input, as deployed. */
const envelopeOf = (update: Awaited<ReturnType<typeof aDeclaredIncident>>, locale: string) => buildNotification(update, locale, ['webhook'], config).envelope;

beforeEach(() => {
  stores = memoryStores();
  posted = [];
  answers = [];
  delays = [];
  queued = [];
});

describe('the webhook planner', () => {
  it('plans the active subscribers of the locale who hear the update, once however often it runs', async () => {
    const update = await aDeclaredIncident(['chat']);
    const everything = aSubscriber();
    const chatOnly = aSubscriber({ components: ['chat'] });
    const apiOnly = aSubscriber({ components: ['api'] });
    const indonesian = aSubscriber({ locale: 'id' });
    const disabled = aSubscriber({ state: 'disabled' });
    for (const subscriber of [everything, chatOnly, apiOnly, indonesian, disabled]) await stores.webhooks.create(subscriber);

    await planner()({ Records: [aRecord(envelopeOf(update, 'en'))] });
    await stores.webhooks.create(aSubscriber());
    await planner()({ Records: [aRecord(envelopeOf(update, 'en'))] });

    expect(new Set(queued.map((task) => task.webhookId))).toEqual(new Set([everything.id, chatOnly.id]));
    expect(stores.deliveries.row({ incidentId: update.incidentId, seq: 1, channel: 'webhook', locale: 'en' })).toMatchObject({ state: 'pending', recipients: { planned: 2, sent: 0 } });
  });

  it('marks a locale nobody subscribed in as sent at once, with nobody planned', async () => {
    const update = await aDeclaredIncident();
    await planner()({ Records: [aRecord(envelopeOf(update, 'id'))] });
    expect(stores.deliveries.row({ incidentId: update.incidentId, seq: 1, channel: 'webhook', locale: 'id' })).toMatchObject({ state: 'sent', recipients: { planned: 0 } });
  });
});

describe('the webhook workers', () => {
  async function planned(subscriber: WebhookSubscriber) {
    const update = await aDeclaredIncident();
    await stores.webhooks.create(subscriber);
    await planner()({ Records: [aRecord(envelopeOf(update, subscriber.locale))] });
    return { update, task: queued.find((task) => task.webhookId === subscriber.id)! };
  }
  const row = (update: { incidentId: string }, locale = 'en') => stores.deliveries.row({ incidentId: update.incidentId, seq: 1, channel: 'webhook', locale });

  it('posts once, signed so the Standard Webhooks library verifies it, and posts nothing for a redelivered message', async () => {
    const subscriber = aSubscriber();
    const { update, task } = await planned(subscriber);
    const first: SQSBatchResponse | void = await sender()({ Records: [aRecord(task)] });
    await sender()({ Records: [aRecord(task, 2)] });

    expect(first?.batchItemFailures).toEqual([]);
    expect(posted).toHaveLength(1);
    const [request] = posted;
    expect(request!.headers['webhook-id']).toBe(`${update.id}.${subscriber.id}`);
    const verified = new Webhook(secrets.secretFor(subscriber.id)).verify(request!.body, { ...request!.headers });
    expect(verified).toMatchObject({ type: 'incident.updated', data: { incident: { id: update.incidentId }, update: { seq: 1 }, message: { locale: 'en' } } });
    expect(row(update)).toMatchObject({ state: 'sent', recipients: { planned: 1, sent: 1, failed: 0, suppressed: 0 } });
    expect((await stores.webhooks.get(subscriber.id))?.lastSuccessAt).toBe(new Date(now).toISOString());
  });

  it('backs off after a failure, or waits what a 429 asks, and fails the record so its group waits', async () => {
    const subscriber = aSubscriber();
    const { update, task } = await planned(subscriber);
    answers = [{ outcome: 'failed', status: 503, reason: 'answered 503' }, { outcome: 'failed', status: 429, reason: 'answered 429', retryAfterSeconds: 90 }];
    const record = aRecord(task);
    expect((await sender()({ Records: [record] }))?.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
    await sender()({ Records: [aRecord(task, 2)] });
    await sender()({ Records: [aRecord(task, 3)] });

    expect(delays).toEqual([15, 90]);
    expect(posted.map((request) => request.headers['webhook-id'])).toEqual(Array(3).fill(`${update.id}.${subscriber.id}`));
    expect(row(update)).toMatchObject({ state: 'sent', recipients: { sent: 1 } });
    expect((await stores.webhooks.get(subscriber.id))?.lastFailure).toEqual({ at: new Date(now).toISOString(), reason: 'answered 429' });
  });

  it('gives up after 24 hours of retries and counts the recipient failed', async () => {
    const subscriber = aSubscriber();
    const { update, task } = await planned(subscriber);
    answers = [{ outcome: 'failed', reason: 'timed out after 10 s' }];
    const response = await sender()({ Records: [aRecord(task, 20, now - webhookRetryHorizonMs)] });
    expect(response?.batchItemFailures).toEqual([]);
    expect(row(update)).toMatchObject({ state: 'sent', recipients: { planned: 1, sent: 0, failed: 1 } });
  });

  it('disables a subscriber whose every delivery has failed for three days, and suppresses what is queued for it', async () => {
    const subscriber = aSubscriber({ failingSince: new Date(now - disableAfterFailingMs).toISOString() });
    const { update, task } = await planned(subscriber);
    answers = [{ outcome: 'failed', status: 500, reason: 'answered 500' }];
    await sender()({ Records: [aRecord(task)] });
    expect((await stores.webhooks.get(subscriber.id))?.state).toBe('disabled');
    await sender()({ Records: [aRecord(task, 2)] });
    expect(posted).toHaveLength(1);
    expect(row(update)).toMatchObject({ state: 'sent', recipients: { planned: 1, suppressed: 1 } });
  });

  it('counts a removed subscriber suppressed without posting', async () => {
    const subscriber = aSubscriber();
    const { update, task } = await planned(subscriber);
    await stores.webhooks.remove(subscriber.id);
    await sender()({ Records: [aRecord(task)] });
    expect(posted).toEqual([]);
    expect(row(update)).toMatchObject({ state: 'sent', recipients: { suppressed: 1 } });
  });

  it('sends a malformed message to the dead-letter queue without posting', async () => {
    const record = aRecord({ kind: 'webhook-delivery', incidentId: 42 });
    expect((await sender()({ Records: [record] }))?.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
    expect(posted).toEqual([]);
  });
});
