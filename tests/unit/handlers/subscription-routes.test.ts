import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { ulidIds } from '../../../lambdas/adapters/ids.js';
import { HmacSubscriptionTokens } from '../../../lambdas/adapters/tokens/hmac-subscription-tokens.js';
import type { Subscriber } from '../../../lambdas/core/subscribers/subscriber.js';
import { shardOf } from '../../../lambdas/core/subscribers/subscriber.js';
import { apiRoutes } from '../../support/api-routes.js';
import { createApiDependencies } from '../../../lambdas/handlers/api/create-api-dependencies.js';
import { createApiHandler } from '../../../lambdas/handlers/api/create-api-handler.js';
import type { ApiResult } from '../../../lambdas/handlers/api/http.js';
import { anApiEvent } from '../../support/api-events.js';
import { aConfig } from '../../support/builders.js';
import { aMemoryApi } from '../../support/memory-api.js';
import { memoryStores } from '../../support/memory/memory-stores.js';
import type { MemoryStores } from '../../support/memory/memory-stores.js';
import { RecordingLogger } from '../../support/memory/recording-logger.js';
import { aWebhookWiring } from '../../support/webhook-wiring.js';

const config = aConfig();
const commanderToken = 'commander-secret';
const baseUrl = 'https://status.nimbus.example';
const pageSecurityPolicy = "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const start = Date.parse('2024-12-12T07:00:30.000Z');

let clockMs: number;
let stores: MemoryStores;
let tokens: HmacSubscriptionTokens;
let logger: RecordingLogger;
let handle: ReturnType<typeof createApiHandler>;

beforeEach(() => {
  clockMs = start;
  stores = memoryStores();
  tokens = new HmacSubscriptionTokens(randomBytes(32));
  logger = new RecordingLogger();
  handle = createApiHandler(
    createApiDependencies({
      ...aWebhookWiring(),
      config,
      stores,
      tokens: async () => tokens,
      publicBaseUrl: () => baseUrl,
      auth: { mode: 'shared-token', token: commanderToken },
      statusMaxAgeMs: 1000,
      clock: () => new Date(clockMs),
      ids: ulidIds,
      logger,
    }),
    apiRoutes,
  );
});

// ---- requests --------------------------------------------------------------------------------------

function minutesPass(minutes: number): void {
  clockMs += minutes * 60_000;
}

function subscribe(body: Record<string, unknown>, sourceIp = '198.51.100.7'): Promise<ApiResult> {
  return handle(anApiEvent({ method: 'POST', path: '/v1/subscriptions', body, sourceIp }));
}

function open(path: string, token: string, headers: Record<string, string> = {}): Promise<ApiResult> {
  return handle(anApiEvent({ path, query: `token=${encodeURIComponent(token)}`, headers }));
}

function unsubscribe(token: string, request: { body?: string; contentType?: string; base64?: boolean; accept?: string } = {}): Promise<ApiResult> {
  return handle(
    anApiEvent({
      method: 'POST',
      path: '/v1/subscriptions/unsubscribe',
      query: `token=${encodeURIComponent(token)}`,
      ...(request.body === undefined ? {} : { rawBody: request.body }),
      isBase64Encoded: request.base64 ?? false,
      // A body without a Content-Type goes out without one (the event builder would say JSON otherwise).
      headers: { ...(request.body === undefined ? {} : { 'content-type': request.contentType ?? '' }), ...(request.accept ? { accept: request.accept } : {}) },
    }),
  );
}

function putPreferences(token: string, body: unknown): Promise<ApiResult> {
  return handle(anApiEvent({ method: 'PUT', path: '/v1/subscriptions/preferences', query: `token=${encodeURIComponent(token)}`, body }));
}

function asCommander(method: string, path: string, options: { body?: unknown; query?: string } = {}): Promise<ApiResult> {
  return handle(anApiEvent({ method, path, commanderToken, ...options }));
}

// ---- reading the list, below the API ------------------------------------------------------------

async function subscriberOf(email: string): Promise<Subscriber> {
  const subscriber = await stores.subscribers.findByEmail(email);
  if (!subscriber) throw new Error(`${email} is not on the list`);
  return subscriber;
}

function mailsOf(subscriber: Subscriber): string[] {
  return stores.subscribers.mailRequests().filter((request) => request.subscriberId === subscriber.id).map((request) => request.mail);
}

const confirmToken = (subscriber: Subscriber) => tokens.issue('confirm', subscriber.id, subscriber.tokenGeneration);
const manageToken = (subscriber: Subscriber) => tokens.issue('manage', subscriber.id, subscriber.tokenGeneration);

async function aConfirmedSubscriber(email = 'ana@example.com', preferences: Record<string, unknown> = {}): Promise<Subscriber> {
  await subscribe({ email, ...preferences });
  expect((await open('/v1/subscriptions/confirm', confirmToken(await subscriberOf(email)))).statusCode).toBe(200);
  return subscriberOf(email);
}

function expectPage(result: ApiResult, status: number, lang: string): void {
  expect(result.statusCode).toBe(status);
  expect(result.headers).toMatchObject({
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': pageSecurityPolicy,
  });
  expect(result.body).toMatch(new RegExp(`<html lang="${lang}">`));
}

function expectProblem(result: ApiResult, status: number, slug: string): void {
  expect(result.statusCode).toBe(status);
  expect(result.headers['content-type']).toBe('application/problem+json');
  expect(JSON.parse(result.body)).toMatchObject({ type: `urn:incident-comms:problem:${slug}`, status });
}

// ---- subscribing ------------------------------------------------------------------------------------

describe('POST /v1/subscriptions', () => {
  it('answers the same 202 whatever the address stands as, so it tells nobody who is on the list', async () => {
    const confirmed = await aConfirmedSubscriber('confirmed@example.com');
    await subscribe({ email: 'pending@example.com' });
    await aConfirmedSubscriber('left@example.com');
    await unsubscribe(manageToken(await subscriberOf('left@example.com')));
    await stores.subscribers.save({ ...confirmed, state: 'suppressed', reason: 'bounced', version: confirmed.version + 1 }, confirmed.version);

    const answers = await Promise.all(
      ['new@example.com', 'pending@example.com', 'confirmed@example.com', 'left@example.com', 'confirmed@example.com'].map((email) => subscribe({ email })),
    );
    for (const answer of answers) {
      expect(answer.statusCode).toBe(202);
      expect(answer.headers).toEqual({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      expect(answer.body).toBe('{"status":"pending-confirmation"}');
    }
  });

  it('stores a new address pending, normalized, with its preferences, and asks for one confirmation mail', async () => {
    expect((await subscribe({ email: 'Ana@Example.COM', locale: 'id', components: ['chat'] })).statusCode).toBe(202);
    const ana = await subscriberOf('ana@example.com');
    expect(ana).toMatchObject({ email: 'ana@example.com', state: 'pending', locale: 'id', components: ['chat'], timeZone: 'Asia/Jakarta', tokenGeneration: 0 });
    expect(mailsOf(ana)).toEqual(['confirmation']);
    expect((await stores.subscribers.list({ limit: 10 })).subscribers).toHaveLength(1);
  });

  it('sends a pending address its confirmation again only once 10 minutes have passed, and never changes its preferences', async () => {
    await subscribe({ email: 'ana@example.com' });
    minutesPass(9);
    await subscribe({ email: 'ana@example.com', locale: 'id', components: ['api'] });
    const ana = await subscriberOf('ana@example.com');
    expect(mailsOf(ana)).toEqual(['confirmation']);
    expect(ana).toMatchObject({ locale: 'en', components: [], version: 1 });

    minutesPass(1);
    await subscribe({ email: 'ana@example.com', locale: 'id' });
    expect(mailsOf(ana)).toEqual(['confirmation', 'confirmation']);
    expect(await subscriberOf('ana@example.com')).toMatchObject({ locale: 'en', state: 'pending' });
    // The resent mail carries the same, still valid, confirm link.
    expect((await open('/v1/subscriptions/confirm', confirmToken(ana))).statusCode).toBe(200);
  });

  it('sends a confirmed address its preferences link, at most once per 24 hours, and changes nothing else', async () => {
    const ana = await aConfirmedSubscriber();
    await subscribe({ email: 'ana@example.com', locale: 'id' });
    minutesPass(24 * 60 - 1);
    await subscribe({ email: 'ana@example.com' });
    expect(mailsOf(ana)).toEqual(['confirmation', 'preferences']);
    minutesPass(1);
    await subscribe({ email: 'ana@example.com' });
    expect(mailsOf(ana)).toEqual(['confirmation', 'preferences', 'preferences']);
    expect(await subscriberOf('ana@example.com')).toMatchObject({ state: 'confirmed', locale: 'en', tokenGeneration: 0 });
  });

  it('sends a suppressed address nothing at all', async () => {
    const ana = await aConfirmedSubscriber();
    const suppressed = { ...ana, state: 'suppressed' as const, suppressedAt: new Date(clockMs).toISOString(), reason: 'bounced', version: ana.version + 1 };
    await stores.subscribers.save(suppressed, ana.version);
    for (const minutes of [0, 11, 24 * 60 + 1]) {
      minutesPass(minutes);
      expect((await subscribe({ email: 'ana@example.com' })).statusCode).toBe(202);
    }
    expect(mailsOf(ana)).toEqual(['confirmation']);
    expect(await subscriberOf('ana@example.com')).toEqual(suppressed);
  });

  it('takes an unsubscribed address back as pending, with a new token generation that voids its old links', async () => {
    const ana = await aConfirmedSubscriber();
    const oldManage = manageToken(ana);
    const oldConfirm = confirmToken(ana);
    await unsubscribe(oldManage);
    await subscribe({ email: 'ana@example.com', locale: 'id' });

    const back = await subscriberOf('ana@example.com');
    expect(back).toMatchObject({ state: 'pending', locale: 'id', tokenGeneration: 1 });
    expect(back.confirmedAt).toBeUndefined();
    expect(mailsOf(ana)).toEqual(['confirmation', 'confirmation']);
    expect((await open('/v1/subscriptions/confirm', oldConfirm)).statusCode).toBe(404);
    expect((await open('/v1/subscriptions/unsubscribe', oldManage)).statusCode).toBe(404);
    expect((await open('/v1/subscriptions/confirm', confirmToken(back))).statusCode).toBe(200);
  });

  it('keeps one subscriber and one mail when two requests for a new address race', async () => {
    await Promise.all([subscribe({ email: 'ana@example.com' }), subscribe({ email: 'ANA@example.com', locale: 'id' })]);
    const ana = await subscriberOf('ana@example.com');
    expect((await stores.subscribers.list({ limit: 10 })).subscribers).toHaveLength(1);
    expect(mailsOf(ana)).toEqual(['confirmation']);
  });

  it('refuses a bad body with 400 and writes nothing', async () => {
    const result = await subscribe({ email: 'ana@example.com', timeZone: 'Mars/Olympus_Mons', locale: 'fr' });
    expectProblem(result, 400, 'invalid-request');
    expect(JSON.parse(result.body).errors.map((error: { path: string }) => error.path).sort()).toEqual(['locale', 'timeZone']);
    expect((await stores.subscribers.list({ limit: 10 })).subscribers).toEqual([]);
  });

  it('answers a client past 20 requests a minute 429 with Retry-After, while another client still gets 202', async () => {
    clockMs = Date.parse('2024-12-12T07:00:15.000Z');
    for (let index = 0; index < 20; index++) expect((await subscribe({ email: `reader${index}@example.com` }, '203.0.113.9')).statusCode).toBe(202);

    const refused = await subscribe({ email: 'one-too-many@example.com' }, '203.0.113.9');
    expectProblem(refused, 429, 'rate-limited');
    expect(JSON.parse(refused.body).title).toBe('Too many requests');
    expect(refused.headers['retry-after']).toBe('45');
    expect(await stores.subscribers.findByEmail('one-too-many@example.com')).toBeUndefined();

    expect((await subscribe({ email: 'someone-else@example.com' }, '198.51.100.20')).statusCode).toBe(202);
    clockMs = Date.parse('2024-12-12T07:01:00.000Z');
    expect((await subscribe({ email: 'one-too-many@example.com' }, '203.0.113.9')).statusCode).toBe(202);
  });
});

// ---- confirming -------------------------------------------------------------------------------------

describe('GET /v1/subscriptions/confirm', () => {
  it('confirms and answers a page in the subscriber’s language that links to its preferences', async () => {
    await subscribe({ email: 'budi@example.com', locale: 'id' });
    const budi = await subscriberOf('budi@example.com');
    const page = await open('/v1/subscriptions/confirm', confirmToken(budi), { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
    expectPage(page, 200, 'id');
    expect(page.body).toContain('Langganan dikonfirmasi');
    expect(page.body).toContain(`href="${baseUrl}/preferences.html?token=${manageToken(budi)}"`);
    expect(await subscriberOf('budi@example.com')).toMatchObject({ state: 'confirmed', confirmedAt: new Date(clockMs).toISOString(), version: 2 });
    expect((await stores.subscribers.audiencePage('id', shardOf(budi.id), { limit: 10 })).subscribers.map((s) => s.id)).toEqual([budi.id]);
  });

  it('answers JSON to a client that asks for it', async () => {
    await subscribe({ email: 'ana@example.com' });
    const result = await open('/v1/subscriptions/confirm', confirmToken(await subscriberOf('ana@example.com')), { accept: 'application/json' });
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ status: 'confirmed' });
  });

  it('answers 200 again for a second confirmation, writing nothing', async () => {
    const ana = await aConfirmedSubscriber();
    expectPage(await open('/v1/subscriptions/confirm', confirmToken(ana)), 200, 'en');
    expect(await subscriberOf('ana@example.com')).toEqual(ana);
  });

  it('answers 404 (a page, or problem+json to JSON clients) for a manage token, a forged one, or an unsubscribed address', async () => {
    const ana = await aConfirmedSubscriber();
    const forged = `${ana.id}.0.${'A'.repeat(43)}`;
    for (const token of [manageToken(ana), forged, 'not-a-token', tokens.issue('confirm', 'sub_nobody', 0)]) {
      const page = await open('/v1/subscriptions/confirm', token);
      expectPage(page, 404, 'en');
      expect(page.body).toContain('This link is not valid');
      expectProblem(await open('/v1/subscriptions/confirm', token, { accept: 'application/json' }), 404, 'subscription-not-found');
    }
    await unsubscribe(manageToken(ana));
    expect((await open('/v1/subscriptions/confirm', confirmToken(ana))).statusCode).toBe(404);
    expect((await subscriberOf('ana@example.com')).state).toBe('unsubscribed');
  });

  it('answers 400 without a token', async () => {
    expectProblem(await handle(anApiEvent({ path: '/v1/subscriptions/confirm' })), 400, 'invalid-query');
  });
});

// ---- unsubscribing ----------------------------------------------------------------------------------

describe('GET /v1/subscriptions/unsubscribe', () => {
  it('shows a page in the subscriber’s language whose button POSTs back to the same URL, and changes nothing', async () => {
    const budi = await aConfirmedSubscriber('budi@example.com', { locale: 'id' });
    const token = manageToken(budi);
    for (let opened = 0; opened < 3; opened++) {
      const page = await open('/v1/subscriptions/unsubscribe', token);
      expectPage(page, 200, 'id');
      expect(page.body).toContain('b***@example.com');
      expect(page.body).toContain(`<form method="post" action="?token=${token}">`);
      expect(page.body).toContain('name="List-Unsubscribe" value="One-Click"');
    }
    expect(await subscriberOf('budi@example.com')).toEqual(budi);
  });

  it('says so when the address is already unsubscribed, and 404s a confirm token', async () => {
    const ana = await aConfirmedSubscriber();
    expect((await open('/v1/subscriptions/unsubscribe', confirmToken(ana))).statusCode).toBe(404);
    await unsubscribe(manageToken(ana));
    const page = await open('/v1/subscriptions/unsubscribe', manageToken(ana));
    expectPage(page, 200, 'en');
    expect(page.body).toContain('You are unsubscribed');
  });
});

describe('POST /v1/subscriptions/unsubscribe (RFC 8058 one-click)', () => {
  const multipart = (boundary: string, value = 'One-Click') =>
    `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\n${value}\r\n--${boundary}--\r\n`;
  const acceptedBodies: [string, { body?: string; contentType?: string; base64?: boolean }][] = [
    ['no body at all', {}],
    ['an empty body with a form type', { body: '', contentType: 'application/x-www-form-urlencoded' }],
    ['List-Unsubscribe=One-Click, url-encoded', { body: 'List-Unsubscribe=One-Click', contentType: 'application/x-www-form-urlencoded' }],
    ['the same, base64 as API Gateway passes it', { body: Buffer.from('List-Unsubscribe=One-Click').toString('base64'), contentType: 'application/x-www-form-urlencoded; charset=utf-8', base64: true }],
    ['List-Unsubscribe=One-Click as multipart/form-data', { body: multipart('----x7'), contentType: 'multipart/form-data; boundary=----x7' }],
    ['the same with a quoted boundary', { body: multipart('abc def'), contentType: 'multipart/form-data; boundary="abc def"' }],
  ];

  it.each(acceptedBodies)('unsubscribes at once with %s, and answers the page in the subscriber’s language', async (_what, request) => {
    const budi = await aConfirmedSubscriber('budi@example.com', { locale: 'id' });
    const page = await unsubscribe(manageToken(budi), request);
    expectPage(page, 200, 'id');
    expect(page.body).toContain('Anda sudah berhenti berlangganan');
    expect(await subscriberOf('budi@example.com')).toMatchObject({ state: 'unsubscribed', reason: 'one-click', unsubscribedAt: new Date(clockMs).toISOString() });
    expect((await stores.subscribers.audiencePage('id', shardOf(budi.id), { limit: 10 })).subscribers).toEqual([]);
  });

  it('answers JSON to a client that asks for it, and 200 again the second time', async () => {
    const ana = await aConfirmedSubscriber();
    expect(JSON.parse((await unsubscribe(manageToken(ana), { accept: 'application/json' })).body)).toEqual({ status: 'unsubscribed' });
    const unsubscribed = await subscriberOf('ana@example.com');
    const again = await unsubscribe(manageToken(ana), { accept: 'application/json' });
    expect(again.statusCode).toBe(200);
    expect(JSON.parse(again.body)).toEqual({ status: 'unsubscribed' });
    expect(await subscriberOf('ana@example.com')).toEqual(unsubscribed);
  });

  it.each([
    ['JSON', { body: '{"unsubscribe":true}', contentType: 'application/json' }],
    ['another form field', { body: 'List-Unsubscribe=One-Click&extra=1', contentType: 'application/x-www-form-urlencoded' }],
    ['another value', { body: 'List-Unsubscribe=Yes', contentType: 'application/x-www-form-urlencoded' }],
    ['plain text', { body: 'List-Unsubscribe=One-Click', contentType: 'text/plain' }],
    ['a body without a type', { body: 'List-Unsubscribe=One-Click' }],
    ['a multipart body with another value', { body: multipart('b1', 'Maybe'), contentType: 'multipart/form-data; boundary=b1' }],
    ['a multipart body without its boundary', { body: multipart('b1'), contentType: 'multipart/form-data' }],
  ])('refuses %s with 400 before looking at the token, and changes nothing', async (_what, request) => {
    const ana = await aConfirmedSubscriber();
    expectProblem(await unsubscribe(manageToken(ana), request), 400, 'invalid-request');
    expectProblem(await unsubscribe('forged', request), 400, 'invalid-request');
    expect(await subscriberOf('ana@example.com')).toEqual(ana);
  });

  it('answers 404 to a confirm token, a forged token and one of an older generation', async () => {
    const ana = await aConfirmedSubscriber();
    expect((await unsubscribe(confirmToken(ana))).statusCode).toBe(404);
    expect((await unsubscribe(`${ana.id}.0.${'B'.repeat(43)}`)).statusCode).toBe(404);
    expect((await unsubscribe(tokens.issue('manage', ana.id, ana.tokenGeneration + 1))).statusCode).toBe(404);
    expectProblem(await unsubscribe(confirmToken(ana), { accept: 'application/json' }), 404, 'subscription-not-found');
    expect((await subscriberOf('ana@example.com')).state).toBe('confirmed');
  });
});

// ---- preferences ------------------------------------------------------------------------------------

describe('GET and PUT /v1/subscriptions/preferences', () => {
  it('shows the preferences with the address masked', async () => {
    const ana = await aConfirmedSubscriber('ana.lestari@example.com', { locale: 'id', components: ['chat'] });
    const result = await open('/v1/subscriptions/preferences', manageToken(ana));
    expect(result.statusCode).toBe(200);
    expect(result.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(result.body)).toEqual({ email: 'a***@example.com', locale: 'id', components: ['chat'], timeZone: 'Asia/Jakarta', state: 'confirmed' });
  });

  it('changes what the request names, answers the same shape, and moves the subscriber to its new locale’s audience', async () => {
    const ana = await aConfirmedSubscriber();
    const result = await putPreferences(manageToken(ana), { locale: 'id', components: ['api', 'video'] });
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ email: 'a***@example.com', locale: 'id', components: ['api', 'video'], timeZone: 'UTC', state: 'confirmed' });
    expect((await stores.subscribers.audiencePage('en', shardOf(ana.id), { limit: 10 })).subscribers).toEqual([]);
    expect((await stores.subscribers.audiencePage('id', shardOf(ana.id), { limit: 10 })).subscribers.map((s) => s.id)).toEqual([ana.id]);

    const zoned = await putPreferences(manageToken(ana), { timeZone: 'Asia/Makassar' });
    expect(JSON.parse(zoned.body)).toMatchObject({ locale: 'id', timeZone: 'Asia/Makassar' });
  });

  it('refuses a change that names nothing or something unknown with 400, writing nothing', async () => {
    const ana = await aConfirmedSubscriber();
    expectProblem(await putPreferences(manageToken(ana), {}), 400, 'invalid-request');
    expectProblem(await putPreferences(manageToken(ana), { components: ['billing'] }), 400, 'invalid-request');
    expectProblem(await putPreferences(manageToken(ana), { email: 'mallory@example.com' }), 400, 'invalid-request');
    expect(await subscriberOf('ana@example.com')).toEqual(ana);
  });

  it('answers 404 to a confirm token or a forged one', async () => {
    const ana = await aConfirmedSubscriber();
    for (const token of [confirmToken(ana), `${ana.id}.0.${'C'.repeat(43)}`]) {
      expectProblem(await open('/v1/subscriptions/preferences', token), 404, 'subscription-not-found');
      expectProblem(await putPreferences(token, { locale: 'id' }), 404, 'subscription-not-found');
    }
    expect(await subscriberOf('ana@example.com')).toEqual(ana);
  });
});

// ---- the commanders' export and import -----------------------------------------------------------

describe('GET /v1/subscribers', () => {
  it('lists the subscribers newest first, one state when asked, page by page', async () => {
    for (const [index, email] of ['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com'].entries()) {
      minutesPass(1);
      if (index % 2) await aConfirmedSubscriber(email);
      else await subscribe({ email });
    }
    const all = JSON.parse((await asCommander('GET', '/v1/subscribers')).body);
    expect(all.items.map((item: { email: string }) => item.email)).toEqual(['d@example.com', 'c@example.com', 'b@example.com', 'a@example.com']);
    expect(all.nextCursor).toBeNull();
    expect(Object.keys(all.items[0]).sort()).toEqual(['components', 'confirmedAt', 'createdAt', 'email', 'id', 'locale', 'state', 'timeZone']);

    const confirmed = JSON.parse((await asCommander('GET', '/v1/subscribers', { query: 'state=confirmed' })).body);
    expect(confirmed.items.map((item: { email: string }) => item.email)).toEqual(['d@example.com', 'b@example.com']);

    const first = JSON.parse((await asCommander('GET', '/v1/subscribers', { query: 'limit=3' })).body);
    expect(first.items).toHaveLength(3);
    const second = JSON.parse((await asCommander('GET', '/v1/subscribers', { query: `limit=3&cursor=${first.nextCursor}` })).body);
    expect(second).toEqual({ items: [all.items[3]], nextCursor: null });
  });

  it('refuses a cursor of another state with 400, and anyone without a commander token with 401', async () => {
    for (const email of ['a@example.com', 'b@example.com']) await subscribe({ email });
    const { nextCursor } = JSON.parse((await asCommander('GET', '/v1/subscribers', { query: 'limit=1' })).body);
    expectProblem(await asCommander('GET', '/v1/subscribers', { query: `state=pending&cursor=${nextCursor}` }), 400, 'invalid-cursor');
    expectProblem(await handle(anApiEvent({ path: '/v1/subscribers' })), 401, 'unauthorized');
    expectProblem(await handle(anApiEvent({ method: 'POST', path: '/v1/subscribers/import', body: { subscribers: [{ email: 'x@example.com' }], confirmed: true } })), 401, 'unauthorized');
  });
});

describe('POST /v1/subscribers/import', () => {
  /** 1,000 entries: every tenth one invalid in its own way, the rest distinct addresses. */
  function aThousandEntries(): { entries: unknown[]; invalidAt: number[] } {
    const invalidAt: number[] = [];
    const entries = Array.from({ length: 1000 }, (_, index) => {
      if (index % 10 !== 3) return { email: `Reader${index}@Example.com`, ...(index % 2 ? { locale: 'id' } : {}) };
      invalidAt.push(index);
      return [{ email: 'not-an-address' }, { email: `r${index}@example.com`, locale: 'fr' }, 'just a string', { email: `r${index}@example.com`, extra: 1 }][index % 4];
    });
    return { entries, invalidAt };
  }

  it('imports 1,000 entries, reporting the invalid ones by index without refusing the rest; a second import changes nothing', async () => {
    const { entries, invalidAt } = aThousandEntries();
    const result = await asCommander('POST', '/v1/subscribers/import', { body: { subscribers: entries, confirmed: true } });
    expect(result.statusCode).toBe(200);
    const body = JSON.parse(result.body);
    expect(body.imported).toBe(900);
    expect(body.unchanged).toBe(0);
    expect(body.invalid.map((entry: { index: number }) => entry.index)).toEqual(invalidAt);
    expect(body.invalid.every((entry: { message: string }) => entry.message.length > 0)).toBe(true);
    expect(body.invalid.find((entry: { index: number }) => entry.index === 13).message).toMatch(/locale/);

    const listed = await stores.subscribers.list({ limit: 1000 });
    expect(listed.subscribers).toHaveLength(900);
    expect(listed.subscribers.every((subscriber) => subscriber.state === 'confirmed' && subscriber.email === subscriber.email.toLowerCase())).toBe(true);
    expect(await subscriberOf('reader1@example.com')).toMatchObject({ locale: 'id', timeZone: 'Asia/Jakarta' });
    // An attested opt-in sends no confirmation mail.
    expect(stores.subscribers.mailRequests()).toEqual([]);

    const again = JSON.parse((await asCommander('POST', '/v1/subscribers/import', { body: { subscribers: entries, confirmed: false } })).body);
    expect(again).toMatchObject({ imported: 0, unchanged: 900 });
    expect(again.invalid).toHaveLength(100);
    expect(await stores.subscribers.list({ limit: 1000 })).toEqual(listed);
    expect(stores.subscribers.mailRequests()).toEqual([]);
  });

  it('imports unattested addresses pending, each with a confirmation mail; leaves addresses already on the list as they are', async () => {
    const left = await aConfirmedSubscriber('left@example.com');
    await unsubscribe(manageToken(left));
    const before = await subscriberOf('left@example.com');
    const result = await asCommander('POST', '/v1/subscribers/import', {
      body: { subscribers: [{ email: 'new@example.com' }, { email: 'LEFT@example.com', locale: 'id' }, { email: 'new@EXAMPLE.com' }], confirmed: false },
    });
    expect(JSON.parse(result.body)).toEqual({ imported: 1, unchanged: 2, invalid: [] });
    const fresh = await subscriberOf('new@example.com');
    expect(fresh.state).toBe('pending');
    expect(mailsOf(fresh)).toEqual(['confirmation']);
    expect(await subscriberOf('left@example.com')).toEqual(before);
  });

  it('refuses an empty list or one over 1,000 entries with 400', async () => {
    expectProblem(await asCommander('POST', '/v1/subscribers/import', { body: { subscribers: [], confirmed: true } }), 400, 'invalid-request');
    const tooMany = Array.from({ length: 1001 }, (_, index) => ({ email: `r${index}@example.com` }));
    expectProblem(await asCommander('POST', '/v1/subscribers/import', { body: { subscribers: tooMany, confirmed: true } }), 400, 'invalid-request');
    expect((await stores.subscribers.list({ limit: 10 })).subscribers).toEqual([]);
  });
});

describe('with the email channel switched off', () => {
  it('answers every subscription and subscriber route 404 channel-disabled, touching nothing, while the incident routes work', async () => {
    const withoutEmail = aConfig({ channels: { ...config.channels, email: { ...config.channels.email, enabled: false } } });
    const { handle: off } = aMemoryApi({ config: withoutEmail, stores, clock: () => new Date(clockMs), commanderToken });
    const token = 'a'.repeat(43);
    const requests = [
      anApiEvent({ method: 'POST', path: '/v1/subscriptions', body: { email: 'reader@example.com' } }),
      anApiEvent({ method: 'GET', path: '/v1/subscriptions/confirm', query: `token=${token}` }),
      anApiEvent({ method: 'GET', path: '/v1/subscriptions/unsubscribe', query: `token=${token}` }),
      anApiEvent({ method: 'POST', path: '/v1/subscriptions/unsubscribe', query: `token=${token}` }),
      anApiEvent({ method: 'GET', path: '/v1/subscriptions/preferences', query: `token=${token}` }),
      anApiEvent({ method: 'PUT', path: '/v1/subscriptions/preferences', query: `token=${token}`, body: { locale: 'id' } }),
      anApiEvent({ method: 'GET', path: '/v1/subscribers', commanderToken }),
      anApiEvent({ method: 'POST', path: '/v1/subscribers/import', commanderToken, body: { subscribers: [{ email: 'x@example.com' }], confirmed: true } }),
    ];
    for (const request of requests) expectProblem(await off(request), 404, 'channel-disabled');
    expect((await stores.subscribers.list({ limit: 10 })).subscribers).toEqual([]);
    expect(stores.subscribers.mailRequests()).toEqual([]);
    expect((await off(anApiEvent({ method: 'GET', path: '/v1/status' }))).statusCode).toBe(200);
  });
});
