import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeWebhookPoster } from '../../lambdas/adapters/http/node-webhook-poster.js';
import { webhookEventSchema } from '../../lambdas/core/webhooks/webhook-event.js';
import { aDeclaration, aPostmortemBody, anUpdateBody } from '../support/builders.js';
import { eventually } from '../support/eventually.js';
import { aLocalRuntimeWith } from '../support/local-runtime-with.js';
import { listenOnLoopback } from '../support/loopback-server.js';
import { RecordingLogger } from '../support/memory/recording-logger.js';

// Webhook and chat subscribers through the whole local runtime, against real receivers on this
// machine: one per format, one that fails three times, one that times out twice, one that answers
// 429 with Retry-After, one that redirects. The workers' waits (backoff, Retry-After) pass a
// thousand times faster than asked; what they asked for is read from the log.

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on 127.0.0.1 that records every request and answers as `answer` decides (by request number, from 1). */
async function aReceiver(answer: (request: number, response: ServerResponse, incoming: IncomingMessage) => void = (_n, response) => response.writeHead(200).end('ok')) {
  const requests: Received[] = [];
  const server = createServer((incoming, response) => {
    let body = '';
    incoming.setEncoding('utf8');
    incoming.on('data', (chunk: string) => (body += chunk));
    incoming.on('end', () => {
      requests.push({ headers: incoming.headers, body });
      answer(requests.length, response, incoming);
    });
  });
  const { port, close } = await listenOnLoopback(server);
  return { url: `http://127.0.0.1:${port}/hook`, requests, close, accepted: [] as Received[] };
}

const logger = new RecordingLogger();
let local: Awaited<ReturnType<typeof aLocalRuntimeWith>>;
let receivers: Record<'json' | 'slack' | 'teams' | 'discord' | 'flaky' | 'slow' | 'limited' | 'redirecting' | 'redirectTarget', Awaited<ReturnType<typeof aReceiver>>>;
const secrets = new Map<string, string>();
const ids = new Map<string, string>();
let incidentId: string;

beforeAll(async () => {
  const redirectTarget = await aReceiver();
  receivers = {
    json: await aReceiver(),
    slack: await aReceiver(),
    teams: await aReceiver(),
    discord: await aReceiver(),
    flaky: await aReceiver((n, response) => response.writeHead(n <= 3 ? 503 : 200).end()),
    // Never answers its first two requests: the poster gives up on them.
    slow: await aReceiver((n, response) => void (n <= 2 ? setTimeout(() => response.writeHead(200).end(), 5_000).unref() : response.writeHead(200).end())),
    limited: await aReceiver((n, response) => (n === 1 ? response.writeHead(429, { 'retry-after': '120' }).end() : response.writeHead(200).end())),
    redirecting: await aReceiver((_n, response) => response.writeHead(302, { location: redirectTarget.url }).end()),
    redirectTarget,
  };
  local = await aLocalRuntimeWith({ logger, webhookDelayScale: 0.001, webhookPoster: new NodeWebhookPoster({ mode: 'local', timeoutMs: 300 }) });
  const subscribe = async (name: keyof typeof receivers, format: string, locale: string) => {
    const answer = await local.api.call('POST', '/v1/webhooks', { url: receivers[name].url, format, locale });
    expect(answer.status, `${name}: ${answer.text}`).toBe(201);
    secrets.set(name, answer.json.secret as string);
    ids.set(name, answer.json.id as string);
  };
  await subscribe('json', 'json', 'en');
  await subscribe('slack', 'slack', 'en');
  await subscribe('teams', 'teams', 'id');
  await subscribe('discord', 'discord', 'en');
  await subscribe('flaky', 'json', 'en');
  await subscribe('slow', 'json', 'en');
  await subscribe('limited', 'json', 'id');
  await subscribe('redirecting', 'json', 'en');
}, 60_000);

afterAll(async () => {
  await local?.runtime.stop();
  await Promise.all(Object.values(receivers ?? {}).map((receiver) => receiver.close()));
});

const settled = async () => expect(await local.runtime.pipeline.settled(60_000)).toBe(true);
const accepted = (name: keyof typeof receivers) => {
  const receiver = receivers[name];
  // What the receiver answered 2xx to: the flaky one's first three, the slow one's first two and the limited one's first were not.
  const skip = name === 'flaky' ? 3 : name === 'slow' ? 2 : name === 'limited' ? 1 : 0;
  return receiver.requests.slice(skip);
};

describe('declare → update → resolve with eight webhook subscribers', () => {
  it('answers each subscription its secret once, in the Standard Webhooks form', () => {
    for (const secret of secrets.values()) expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  });

  it('gives each receiver exactly one delivery per update, in its format and locale, in order', async () => {
    const declared = await local.api.declare(aDeclaration({ impact: 'major' }));
    expect(declared.status).toBe(201);
    incidentId = declared.json.id as string;
    await eventually(async () => receivers.redirecting.requests.length, (count) => count >= 2, 30_000, 20);
    // The redirect is not followed: the target never hears of it, and the delivery stays unsent.
    expect(receivers.redirecting.requests.length).toBeGreaterThanOrEqual(1);
    expect(receivers.redirectTarget.requests).toEqual([]);
    // Its subscriber unsubscribes with its secret; what was queued for it is then counted, not posted.
    const removed = await local.api.call('DELETE', `/v1/webhooks/${ids.get('redirecting')}`, undefined, { authorization: `Bearer ${secrets.get('redirecting')}` });
    expect(removed.status).toBe(204);
    await settled();

    const updated = await local.api.update(incidentId, anUpdateBody());
    expect(updated.status).toBe(201);
    const resolved = await local.api.update(incidentId, anUpdateBody({ status: 'resolved', message: 'Everything works again.' }));
    expect(resolved.status).toBe(201);
    await settled();

    for (const name of ['json', 'slack', 'teams', 'discord', 'flaky', 'slow', 'limited'] as const) {
      expect(accepted(name), name).toHaveLength(3);
      // What a receiver saw more than once (a timed-out or failed attempt) came again under the same webhook-id.
      expect(new Set(receivers[name].requests.map((request) => request.headers['webhook-id'])).size, name).toBe(3);
    }
    // In order of seq, the flaky one included (its first update got through only after three failures).
    for (const name of ['json', 'flaky', 'slow', 'limited'] as const) {
      const seqs = accepted(name).map((request) => webhookEventSchema.parse(JSON.parse(request.body)).data.update.seq);
      expect(seqs, name).toEqual([1, 2, 3]);
    }
    expect(receivers.redirectTarget.requests).toEqual([]);
  });

  it('signs json deliveries so the Standard Webhooks library verifies them, and not with a wrong secret', () => {
    const [first] = accepted('json');
    const headers = { 'webhook-id': String(first!.headers['webhook-id']), 'webhook-timestamp': String(first!.headers['webhook-timestamp']), 'webhook-signature': String(first!.headers['webhook-signature']) };
    const event = webhookEventSchema.parse(new Webhook(secrets.get('json')!).verify(first!.body, headers));
    expect(event).toMatchObject({ type: 'incident.updated', data: { incident: { id: incidentId }, update: { seq: 1, kind: 'apology' }, message: { locale: 'en' } } });
    expect(() => new Webhook(secrets.get('flaky')!).verify(first!.body, headers)).toThrow();
  });

  it('renders each chat format in its subscriber’s locale', () => {
    const slack = JSON.parse(accepted('slack').at(-1)!.body) as { text: string; blocks: unknown[] };
    expect(slack.text).toContain('Resolved');
    expect(slack.blocks.length).toBeGreaterThan(0);
    const teams = JSON.parse(accepted('teams').at(-1)!.body) as { type: string; attachments: { contentType: string; content: { type: string } }[] };
    expect(teams).toMatchObject({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard' } }] });
    expect(JSON.stringify(teams)).toContain('Telah pulih');
    const discord = JSON.parse(accepted('discord').at(-1)!.body) as { embeds: { title: string }[]; allowed_mentions: { parse: unknown[] } };
    expect(discord.embeds[0]!.title).toContain('Resolved');
    expect(discord.allowed_mentions.parse).toEqual([]);
    const limited = webhookEventSchema.parse(JSON.parse(accepted('limited')[0]!.body));
    expect(limited.data.message.locale).toBe('id');
  });

  it('retries with the same webhook-id, and waits as long as a 429’s Retry-After asks', () => {
    const flakyIds = receivers.flaky.requests.slice(0, 4).map((request) => request.headers['webhook-id']);
    expect(new Set(flakyIds).size).toBe(1);
    const waits = logger.lines.filter((line) => line.message === 'webhook delivery will be retried' && line.attributes['webhookId'] === ids.get('limited'));
    expect(waits).toHaveLength(1);
    expect(waits[0]!.attributes['delaySeconds']).toBe(120);
    // The slow receiver's two timed-out attempts were retried, not lost.
    expect(logger.lines.filter((line) => line.message === 'webhook delivery will be retried' && line.attributes['webhookId'] === ids.get('slow'))).toHaveLength(2);
  });

  it('counts every recipient in the webhook delivery rows', async () => {
    const { items } = (await local.api.get(`/v1/incidents/${incidentId}/deliveries`)).json as { items: { seq: number; channel: string; locale: string; state: string; recipients?: Record<string, number> }[] };
    const webhookRows = items.filter((row) => row.channel === 'webhook');
    expect(webhookRows).toHaveLength(6);
    expect(webhookRows.find((row) => row.seq === 1 && row.locale === 'en')).toMatchObject({ state: 'sent', recipients: { planned: 6, sent: 5, failed: 0, suppressed: 1 } });
    expect(webhookRows.find((row) => row.seq === 3 && row.locale === 'en')).toMatchObject({ state: 'sent', recipients: { planned: 5, sent: 5, failed: 0, suppressed: 0 } });
    expect(webhookRows.find((row) => row.seq === 2 && row.locale === 'id')).toMatchObject({ state: 'sent', recipients: { planned: 2, sent: 2, failed: 0, suppressed: 0 } });
  });

  it('posts nothing twice for a redelivered queue message', async () => {
    const before = receivers.json.requests.length;
    const task = { kind: 'webhook-delivery', incidentId, seq: 2, updateId: (accepted('json')[1] && webhookEventSchema.parse(JSON.parse(accepted('json')[1]!.body)).data.update.id)!, locale: 'en', webhookId: ids.get('json')! };
    local.runtime.pipeline.queues.webhookSend.send(JSON.stringify(task), 0, { groupId: task.webhookId, deduplicationId: `again-${task.updateId}` });
    await settled();
    expect(receivers.json.requests.length).toBe(before);
  });

  it('tells subscribers of the postmortem and of maintenance, each as its own event type', async () => {
    const before = receivers.json.requests.length;
    expect((await local.api.publishPostmortem(incidentId, aPostmortemBody())).status).toBe(200);
    const scheduledFor = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const scheduledUntil = new Date(Date.now() + 2 * 86_400_000 + 3_600_000).toISOString();
    const window = await local.api.call('POST', '/v1/maintenances', { title: 'Database upgrade', message: 'We are upgrading the chat database.', components: ['chat'], scheduledFor, scheduledUntil });
    expect(window.status, window.text).toBe(201);
    await settled();
    const events = receivers.json.requests.slice(before).map((request) => webhookEventSchema.parse(JSON.parse(request.body)));
    expect(events.map((event) => [event.type, event.data.update.kind])).toEqual([
      ['postmortem.published', 'postmortem'],
      ['maintenance.updated', 'maintenance_scheduled'],
    ]);
    expect(events[1]!.data.incident).toMatchObject({ id: window.json.id, type: 'maintenance', scheduledFor });
  });

  it('shows each subscriber’s health to commanders', async () => {
    const { items } = (await local.api.get('/v1/webhooks')).json as { items: { id: string; state: string; lastSuccessAt: string | null; lastFailure: { reason: string } | null }[] };
    expect(items.map((item) => item.id)).not.toContain(ids.get('redirecting'));
    const flaky = items.find((item) => item.id === ids.get('flaky'))!;
    expect(flaky).toMatchObject({ state: 'active', lastSuccessAt: expect.any(String) });
    expect(flaky.lastFailure?.reason).toContain('503');
    expect(items.find((item) => item.id === ids.get('json'))).toMatchObject({ state: 'active', lastFailure: null });
  });
});
