import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { ulidIds } from '../../../lambdas/adapters/ids.js';
import { HmacSubscriptionTokens } from '../../../lambdas/adapters/tokens/hmac-subscription-tokens.js';
import type { HostResolver } from '../../../lambdas/adapters/http/host-resolver.js';
import type { WebhookMode } from '../../../lambdas/core/webhooks/webhook-mode.js';
import { createApiDependencies } from '../../../lambdas/handlers/api/create-api-dependencies.js';
import { createApiHandler } from '../../../lambdas/handlers/api/create-api-handler.js';
import { apiRoutes } from '../../support/api-routes.js';
import { anApiEvent } from '../../support/api-events.js';
import { aConfig } from '../../support/builders.js';
import { memoryStores } from '../../support/memory/memory-stores.js';
import type { MemoryStores } from '../../support/memory/memory-stores.js';
import { RecordingLogger } from '../../support/memory/recording-logger.js';
import { aWebhookWiring } from '../../support/webhook-wiring.js';

// The webhook routes over in-memory stores, deployed unless a test says otherwise, with a DNS the
// test answers: what may be subscribed, what is stored (nothing, for a refusal), who may remove one.

const commanderToken = 'commander-secret';
const publicAddresses: Record<string, string> = { 'hooks.example.com': '93.184.216.34', 'hooks.slack.com': '3.33.200.1', localhost: '127.0.0.1' };
const privateAddresses: Record<string, string> = { 'internal.example.com': '10.0.0.5', 'rebound.example.com': '169.254.169.254' };
const resolve: HostResolver = async (hostname) => {
  const address = publicAddresses[hostname] ?? privateAddresses[hostname];
  if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return [{ address, family: 4 }];
};

let stores: MemoryStores;
let handle: ReturnType<typeof createApiHandler>;

function anApi(options: { mode?: WebhookMode; config?: ReturnType<typeof aConfig> } = {}) {
  return createApiHandler(
    createApiDependencies({
      ...aWebhookWiring({ mode: options.mode ?? 'deployed', resolve }),
      config: options.config ?? aConfig(),
      stores,
      tokens: async () => new HmacSubscriptionTokens(randomBytes(32)),
      publicBaseUrl: () => 'https://status.nimbus.example',
      auth: { mode: 'shared-token', token: commanderToken },
      statusMaxAgeMs: 1000,
      clock: () => new Date('2024-12-12T07:00:00.000Z'),
      ids: ulidIds,
      logger: new RecordingLogger(),
    }),
    apiRoutes,
  );
}

beforeEach(() => {
  stores = memoryStores();
  handle = anApi();
});

const subscribe = async (body: unknown, sourceIp = '198.51.100.7') => {
  const result = await handle(anApiEvent({ method: 'POST', path: '/v1/webhooks', body, sourceIp }));
  return { ...result, json: JSON.parse(result.body || 'null') };
};
const remove = (id: string, authorization?: string) => handle(anApiEvent({ method: 'DELETE', path: `/v1/webhooks/${id}`, headers: authorization ? { authorization } : {} }));
const list = async () => JSON.parse((await handle(anApiEvent({ method: 'GET', path: '/v1/webhooks', commanderToken }))).body) as { items: { id: string; url: string; state: string; locale: string; components: string[] }[] };

describe('POST /v1/webhooks', () => {
  it('stores a subscriber and answers its id and secret once', async () => {
    const answer = await subscribe({ url: 'https://hooks.slack.com/services/T0/B0/x', format: 'slack', locale: 'id', components: ['chat'] });
    expect(answer.statusCode).toBe(201);
    expect(answer.headers).toMatchObject({ location: `/v1/webhooks/${answer.json.id}`, 'cache-control': 'no-store' });
    expect(answer.json).toEqual({ id: expect.stringMatching(/^whk_[0-9A-Z]{26}$/), secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/) });
    const { items } = await list();
    expect(items).toEqual([expect.objectContaining({ id: answer.json.id, url: 'https://hooks.slack.com/services/T0/B0/x', locale: 'id', components: ['chat'], state: 'active' })]);
    // The list never shows the secret.
    expect(JSON.stringify(items)).not.toContain(answer.json.secret);
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254|https/],
    ['https://169.254.169.254/latest/meta-data/', /169\.254\.169\.254.*(link-local|metadata)/],
    ['https://10.0.0.1/hook', /10\.0\.0\.1.*private/],
    ['http://10.0.0.1/', /https/],
    ['https://[::1]/hook', /::1.*loopback/],
    ['http://[::1]/', /https/],
    ['https://internal.example.com/hook', /internal\.example\.com resolves to 10\.0\.0\.5, a private address/],
    ['https://rebound.example.com/hook', /rebound\.example\.com resolves to 169\.254\.169\.254/],
    ['https://nowhere.example.com/hook', /nowhere\.example\.com.*(not resolve|resolve)/],
    ['not a url', /URL/i],
    ['ftp://hooks.example.com/hook', /https/],
    ['https://user:password@hooks.example.com/hook', /user name|password|credentials/i],
  ])('refuses %s with a 400 naming the reason, and stores nothing', async (url, reason) => {
    const answer = await subscribe({ url, format: 'json' });
    expect(answer.statusCode).toBe(400);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(answer.json.detail).toMatch(reason);
    expect((await list()).items).toEqual([]);
  });

  it('lets a receiver on this machine be subscribed locally, and nothing else private', async () => {
    handle = anApi({ mode: 'local' });
    expect((await subscribe({ url: 'http://127.0.0.1:8080/hook', format: 'json' })).statusCode).toBe(201);
    expect((await subscribe({ url: 'http://localhost:8080/hook', format: 'discord' })).statusCode).toBe(201);
    expect((await subscribe({ url: 'http://10.0.0.1/hook', format: 'json' })).statusCode).toBe(400);
    expect((await subscribe({ url: 'http://169.254.169.254/', format: 'json' })).statusCode).toBe(400);
    expect((await list()).items).toHaveLength(2);
  });

  it.each([
    ['no url', { format: 'json' }, 'url'],
    ['no format', { url: 'https://hooks.example.com/hook' }, 'format'],
    ['an unknown format', { url: 'https://hooks.example.com/hook', format: 'xml' }, 'format'],
    ['an unconfigured locale', { url: 'https://hooks.example.com/hook', format: 'json', locale: 'fr' }, 'locale'],
    ['an unknown component', { url: 'https://hooks.example.com/hook', format: 'json', components: ['nope'] }, 'components'],
    ['a secret of its own', { url: 'https://hooks.example.com/hook', format: 'json', secret: 'mine' }, 'secret'],
    ['a URL over 2048 characters', { url: `https://hooks.example.com/${'a'.repeat(2100)}`, format: 'json' }, 'url'],
  ])('refuses a body with %s, naming the field', async (_case, body, field) => {
    const answer = await subscribe(body);
    expect(answer.statusCode).toBe(400);
    expect(JSON.stringify(answer.json)).toContain(field);
    expect((await list()).items).toEqual([]);
  });

  it('limits subscriptions per client', async () => {
    const answers = [];
    for (let i = 0; i < 21; i++) answers.push((await subscribe({ url: 'https://hooks.example.com/hook', format: 'json' }, '203.0.113.9')).statusCode);
    expect(answers.slice(0, 20).every((status) => status === 201)).toBe(true);
    expect(answers[20]).toBe(429);
  });

  it('is 404 while the webhook channel is switched off', async () => {
    handle = anApi({ config: aConfig({ channels: { webhook: { enabled: false } } }) });
    expect((await subscribe({ url: 'https://hooks.example.com/hook', format: 'json' })).statusCode).toBe(404);
  });
});

describe('DELETE /v1/webhooks/{id}', () => {
  it('removes a subscriber for whoever holds its secret, and answers a wrong secret as an unknown id', async () => {
    const first = (await subscribe({ url: 'https://hooks.example.com/a', format: 'json' })).json;
    const second = (await subscribe({ url: 'https://hooks.example.com/b', format: 'json' })).json;
    const wrongSecret = await remove(first.id, `Bearer ${second.secret}`);
    const noSecret = await remove(first.id);
    const unknown = await remove('whk_01JF3Z00000000000000000000', `Bearer ${first.secret}`);
    expect([wrongSecret.statusCode, noSecret.statusCode, unknown.statusCode]).toEqual([404, 404, 404]);
    expect(wrongSecret.body).toBe(unknown.body.replace('whk_01JF3Z00000000000000000000', first.id));
    expect((await list()).items).toHaveLength(2);

    expect((await remove(first.id, `Bearer ${first.secret}`)).statusCode).toBe(204);
    expect((await remove(first.id, `Bearer ${first.secret}`)).statusCode).toBe(404);
    expect((await list()).items.map((item) => item.id)).toEqual([second.id]);
  });
});

describe('GET /v1/webhooks', () => {
  it('is for commanders only', async () => {
    expect((await handle(anApiEvent({ method: 'GET', path: '/v1/webhooks' }))).statusCode).toBe(401);
  });

  it('pages newest first', async () => {
    for (const name of ['a', 'b', 'c']) await subscribe({ url: `https://hooks.example.com/${name}`, format: 'json' });
    const first = JSON.parse((await handle(anApiEvent({ method: 'GET', path: '/v1/webhooks', query: 'limit=2', commanderToken }))).body);
    expect(first.items.map((item: { url: string }) => item.url)).toEqual(['https://hooks.example.com/c', 'https://hooks.example.com/b']);
    const second = JSON.parse((await handle(anApiEvent({ method: 'GET', path: '/v1/webhooks', query: `limit=2&cursor=${encodeURIComponent(first.nextCursor)}`, commanderToken }))).body);
    expect(second).toEqual({ items: [expect.objectContaining({ url: 'https://hooks.example.com/a' })], nextCursor: null });
  });
});
