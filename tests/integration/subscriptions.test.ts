import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { shardOf } from '../../lambdas/core/subscribers/subscriber.js';
import { itemTypes } from '../../lambdas/core/store/table-definition.js';
import type { ApiResult } from '../../lambdas/handlers/api/http.js';
import { anApiEvent } from '../support/api-events.js';
import { anApiOnDynamoDbLocal, commanderToken } from '../support/local-api.js';

// The subscription routes through the real API handler on DynamoDB Local: the conditional writes,
// the sparse audience index, the mail requests the email workers will pick up from the stream, and
// what the table holds (never a token). One table for the file; each test uses its own addresses.

let clockMs = Date.parse('2031-01-01T09:00:00.000Z');
let api: Awaited<ReturnType<typeof anApiOnDynamoDbLocal>>;

beforeAll(async () => {
  api = await anApiOnDynamoDbLocal(undefined, { clock: () => new Date(clockMs) });
});

afterAll(() => api.client.destroy());

// Each test starts in a minute of its own, so the per-client rate limit never carries over.
beforeEach(() => {
  clockMs = (Math.floor(clockMs / 60_000) + 60) * 60_000;
});

const anAddress = () => `reader-${randomUUID()}@example.com`;

function subscribe(body: Record<string, unknown>, sourceIp = '192.0.2.1'): Promise<ApiResult> {
  return api.handle(anApiEvent({ method: 'POST', path: '/v1/subscriptions', body, sourceIp }));
}

function call(method: string, path: string, token: string, options: { body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}): Promise<ApiResult> {
  return api.handle(anApiEvent({ method, path, query: `token=${encodeURIComponent(token)}`, ...options }));
}

async function itemsOf(subscriberId: string) {
  const items = await api.allItems();
  return {
    profile: items.find((item) => item['type'] === itemTypes.subscriber && item['id'] === subscriberId),
    address: items.filter((item) => item['type'] === itemTypes.subscriberAddress && item['subscriberId'] === subscriberId),
    mailRequests: items.filter((item) => item['type'] === itemTypes.mailRequest && item['subscriberId'] === subscriberId),
  };
}

async function subscriberOf(email: string) {
  const subscriber = await api.stores.subscribers.findByEmail(email);
  if (!subscriber) throw new Error(`${email} is not on the list`);
  return subscriber;
}

describe('subscriptions on DynamoDB Local', () => {
  it('stores a new address with its address item and a mail-request item in one write, keyed for the list but not the audience', async () => {
    const email = anAddress();
    expect((await subscribe({ email, locale: 'id' })).statusCode).toBe(202);
    const subscriber = await subscriberOf(email);
    const { profile, address, mailRequests } = await itemsOf(subscriber.id);

    expect(profile).toMatchObject({ pk: `SUBSCRIBER#${subscriber.id}`, sk: 'PROFILE', state: 'pending', listPk: `SUBSCRIBERS#${String(shardOf(subscriber.id)).padStart(2, '0')}` });
    expect(profile).not.toHaveProperty('audiencePk');
    expect(address).toEqual([{ pk: `ADDRESS#${email}`, sk: 'ADDRESS', type: 'subscriber-address', subscriberId: subscriber.id }]);
    expect(mailRequests).toHaveLength(1);
    const [request] = mailRequests;
    expect(request).toMatchObject({ sk: 'REQUEST', mail: 'confirmation', requestedAt: new Date(clockMs).toISOString() });
    // Removed by TTL a week later, long after the email workers have sent it.
    expect(request!['expiresAt']).toBe(Math.floor(clockMs / 1000) + 7 * 24 * 60 * 60);
  });

  it('writes a mail request exactly when a mail is due: 10 minutes apart when pending, 24 hours apart when confirmed, never when suppressed', async () => {
    const email = anAddress();
    const count = async () => (await itemsOf((await subscriberOf(email)).id)).mailRequests.length;
    await subscribe({ email });
    clockMs += 9 * 60_000;
    await subscribe({ email });
    expect(await count()).toBe(1);
    clockMs += 60_000;
    await subscribe({ email });
    expect(await count()).toBe(2);

    const pending = await subscriberOf(email);
    expect((await call('GET', '/v1/subscriptions/confirm', api.tokens.issue('confirm', pending.id, 0))).statusCode).toBe(200);
    await subscribe({ email });
    expect(await count()).toBe(3);
    clockMs += 23 * 60 * 60_000;
    await subscribe({ email });
    expect(await count()).toBe(3);
    clockMs += 60 * 60_000;
    await subscribe({ email });
    expect(await count()).toBe(4);
    expect((await itemsOf(pending.id)).mailRequests.map((item) => item['mail']).sort()).toEqual(['confirmation', 'confirmation', 'preferences', 'preferences']);

    const confirmed = await subscriberOf(email);
    await api.stores.subscribers.save({ ...confirmed, state: 'suppressed', reason: 'complained', version: confirmed.version + 1 }, confirmed.version);
    clockMs += 48 * 60 * 60_000;
    await subscribe({ email });
    expect(await count()).toBe(4);
  });

  it('keeps the audience keys exactly while confirmed, following the locale, and a GET of the unsubscribe page changes nothing', async () => {
    const email = anAddress();
    await subscribe({ email });
    const subscriber = await subscriberOf(email);
    const confirm = api.tokens.issue('confirm', subscriber.id, 0);
    const manage = api.tokens.issue('manage', subscriber.id, 0);
    const audience = `AUDIENCE#%s#${String(shardOf(subscriber.id)).padStart(2, '0')}`;

    await call('GET', '/v1/subscriptions/confirm', confirm);
    expect((await itemsOf(subscriber.id)).profile).toMatchObject({ state: 'confirmed', audiencePk: audience.replace('%s', 'en'), audienceSk: subscriber.id });

    expect((await call('PUT', '/v1/subscriptions/preferences', manage, { body: { locale: 'id' } })).statusCode).toBe(200);
    const moved = (await itemsOf(subscriber.id)).profile;
    expect(moved).toMatchObject({ locale: 'id', audiencePk: audience.replace('%s', 'id') });

    for (let opened = 0; opened < 3; opened++) expect((await call('GET', '/v1/subscriptions/unsubscribe', manage)).statusCode).toBe(200);
    expect((await itemsOf(subscriber.id)).profile).toEqual(moved);

    const done = await call('POST', '/v1/subscriptions/unsubscribe', manage, { rawBody: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(done.statusCode).toBe(200);
    const left = (await itemsOf(subscriber.id)).profile;
    expect(left).toMatchObject({ state: 'unsubscribed', reason: 'one-click' });
    expect(left).not.toHaveProperty('audiencePk');
    expect(left).not.toHaveProperty('audienceSk');
    expect((await api.stores.subscribers.audiencePage('id', shardOf(subscriber.id), { limit: 100 })).subscribers.map((s) => s.id)).not.toContain(subscriber.id);
  });

  it('keeps no token in the table: every link still works, and no item holds any part of one', async () => {
    const email = anAddress();
    await subscribe({ email });
    const subscriber = await subscriberOf(email);
    const issued = [api.tokens.issue('confirm', subscriber.id, 0), api.tokens.issue('manage', subscriber.id, 0)];
    await call('GET', '/v1/subscriptions/confirm', issued[0]!);
    await call('PUT', '/v1/subscriptions/preferences', issued[1]!, { body: { components: ['chat'] } });
    await call('POST', '/v1/subscriptions/unsubscribe', issued[1]!);
    await subscribe({ email });
    const back = await subscriberOf(email);
    issued.push(api.tokens.issue('confirm', back.id, back.tokenGeneration), api.tokens.issue('manage', back.id, back.tokenGeneration));

    const table = JSON.stringify(await api.allItems());
    for (const token of issued) {
      const mac = token.split('.')[2]!;
      expect(table).not.toContain(token);
      expect(table).not.toContain(mac);
      expect(table).not.toContain(Buffer.from(mac, 'base64url').toString('hex'));
    }
  });

  it('lets exactly one of ten racing subscribes of a new address write it, with one mail request', async () => {
    const email = anAddress();
    const answers = await Promise.all(Array.from({ length: 10 }, (_, index) => subscribe({ email: index % 2 ? email.toUpperCase() : email }, `192.0.2.${100 + index}`)));
    expect(answers.every((answer) => answer.statusCode === 202)).toBe(true);
    const subscriber = await subscriberOf(email);
    const items = await api.allItems();
    expect(items.filter((item) => item['type'] === itemTypes.subscriber && item['email'] === email)).toHaveLength(1);
    const { address, mailRequests } = await itemsOf(subscriber.id);
    expect(address).toHaveLength(1);
    expect(mailRequests).toHaveLength(1);
  });

  it('answers one client 429 with Retry-After past 20 a minute, across calls, while another client gets 202', async () => {
    clockMs += 20_000;
    for (let index = 0; index < 20; index++) expect((await subscribe({ email: anAddress() }, '198.51.100.77')).statusCode).toBe(202);
    const refused = await subscribe({ email: anAddress() }, '198.51.100.77');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect(refused.headers['retry-after']).toBe('40');
    expect((await subscribe({ email: anAddress() }, '198.51.100.78')).statusCode).toBe(202);
  });

  it('imports 1,000 entries (some invalid) with the right counts, and a second import changes nothing', async () => {
    const tag = randomUUID().slice(0, 8);
    const entries = Array.from({ length: 1000 }, (_, index) => (index % 50 === 7 ? { email: `broken-${index}` } : { email: `import-${tag}-${index}@example.com` }));
    const first = await api.request('POST', '/v1/subscribers/import', { subscribers: entries, confirmed: true });
    expect(first.statusCode).toBe(200);
    expect(first.json.imported).toBe(980);
    expect(first.json.unchanged).toBe(0);
    expect(first.json.invalid.map((entry: { index: number }) => entry.index)).toEqual(Array.from({ length: 20 }, (_, index) => index * 50 + 7));

    const imported = (await api.allItems()).filter((item) => item['type'] === itemTypes.subscriber && String(item['email']).startsWith(`import-${tag}-`));
    expect(imported).toHaveLength(980);
    expect(imported.every((item) => item['state'] === 'confirmed' && typeof item['audiencePk'] === 'string')).toBe(true);
    const ids = new Set(imported.map((item) => item['id']));
    expect((await api.allItems()).filter((item) => item['type'] === itemTypes.mailRequest && ids.has(item['subscriberId']))).toEqual([]);

    const second = await api.request('POST', '/v1/subscribers/import', { subscribers: entries, confirmed: false });
    expect(second.json).toMatchObject({ imported: 0, unchanged: 980 });
    const after = (await api.allItems()).filter((item) => item['type'] === itemTypes.subscriber && String(item['email']).startsWith(`import-${tag}-`));
    expect(after).toEqual(expect.arrayContaining(imported));
    expect(after).toHaveLength(980);
    // Two imports of 1,000 are thousands of DynamoDB Local writes: seconds on a quiet machine, more on a busy one.
  }, 120_000);

  it('exports the list newest first, one state when asked, page by page', async () => {
    const emails = [anAddress(), anAddress(), anAddress()];
    for (const email of emails) {
      clockMs += 1000;
      await subscribe({ email });
    }
    const ours = new Set(emails);
    const everything: { email: string; state: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: ApiResult = await api.handle(anApiEvent({ path: '/v1/subscribers', query: `limit=7${cursor ? `&cursor=${cursor}` : ''}`, commanderToken }));
      expect(page.statusCode).toBe(200);
      const body = JSON.parse(page.body) as { items: { email: string; state: string }[]; nextCursor: string | null };
      everything.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor);
    expect(everything.filter((item) => ours.has(item.email)).map((item) => item.email)).toEqual([...emails].reverse());
    expect(new Set(everything.map((item) => item.email)).size).toBe(everything.length);

    const pending = JSON.parse((await api.handle(anApiEvent({ path: '/v1/subscribers', query: 'state=pending&limit=1000', commanderToken }))).body);
    expect(pending.items.every((item: { state: string }) => item.state === 'pending')).toBe(true);
    expect(pending.items.filter((item: { email: string }) => ours.has(item.email))).toHaveLength(3);
  });
});
