import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { ulidIds } from '../../../lambdas/adapters/ids.js';
import { HmacSubscriptionTokens } from '../../../lambdas/adapters/tokens/hmac-subscription-tokens.js';
import type { IdempotencyRecord } from '../../../lambdas/core/incident/idempotency-record.js';
import { addUpdate, declareIncident } from '../../../lambdas/core/incident/lifecycle.js';
import type { Change } from '../../../lambdas/core/incident/lifecycle.js';
import { apiRoutes } from '../../support/api-routes.js';
import { createApiDependencies } from '../../../lambdas/handlers/api/create-api-dependencies.js';
import { createApiHandler } from '../../../lambdas/handlers/api/create-api-handler.js';
import { anApiEvent } from '../../support/api-events.js';
import { aConfig, aDeclaration, aDeclareInput, anAddUpdateInput, anUpdateBody } from '../../support/builders.js';
import { memoryStores } from '../../support/memory/memory-stores.js';
import type { MemoryStores } from '../../support/memory/memory-stores.js';
import { RecordingLogger } from '../../support/memory/recording-logger.js';
import { callNames, recordingStores } from '../../support/memory/recording-stores.js';
import type { PortCall } from '../../support/memory/recording-stores.js';
import { aWebhookWiring } from '../../support/webhook-wiring.js';

const token = 'commander-secret';
const config = aConfig();
const now = new Date('2024-12-12T08:00:00.000Z');
const nowSeconds = now.getTime() / 1000;
const incidentId = 'inc_01JF3Z00000000000000000000';
const declaredAt = '2024-12-12T07:02:11.000Z';
const declared = declareIncident(aDeclareInput(), { incidentId, updateId: 'upd_1' }, declaredAt, config);

/** The stores in memory: tests seed and read them through their ports, below the recording. */
let stores: MemoryStores;
/** Every call the handler made on a store, in order. */
let calls: PortCall[];
let logger: RecordingLogger;
let handle: ReturnType<typeof createApiHandler>;

beforeEach(() => {
  stores = memoryStores();
  const recording = recordingStores(stores);
  calls = recording.calls;
  logger = new RecordingLogger();
  handle = createApiHandler(
    createApiDependencies({
      ...aWebhookWiring(),
      config,
      stores: recording.stores,
      tokens: async () => new HmacSubscriptionTokens(randomBytes(32)),
      publicBaseUrl: () => 'https://status.nimbus.example',
      auth: { mode: 'shared-token', token },
      statusMaxAgeMs: 1000,
      clock: () => now,
      ids: ulidIds,
      logger,
    }),
    apiRoutes,
  );
});

// ---- seeding, through the ports ----------------------------------------------------------------

/** The incident as declared (version 1), optionally with an idempotency record written beside it. */
async function anIncidentIsDeclared(record?: IdempotencyRecord): Promise<Change> {
  await stores.incidents.commit(declared, null, record);
  return declared;
}

/** The incident declared, then resolved (version 2). */
async function anIncidentIsResolved(record?: IdempotencyRecord): Promise<void> {
  await anIncidentIsDeclared(record);
  const resolved = addUpdate(declared.head, anAddUpdateInput({ status: 'resolved', message: 'All fixed.' }), 'upd_2', '2024-12-12T07:40:00.000Z', config);
  await stores.incidents.commit(resolved, declared.head.version);
}

/** A record of key `k1` for another body, as an earlier request left it. */
function anotherBodysRecord(): IdempotencyRecord {
  return { key: 'k1', requestHash: 'another-body', statusCode: 201, incidentId, version: 1, createdAt: declaredAt, expiresAt: 4102444800 };
}

/**
 * Another commander commits an update between this request's read and its write: the first
 * `commit` the handler makes finds the head already moved on, exactly as the store would.
 */
function anotherCommanderWinsTheNextCommit(): void {
  const commit = stores.incidents.commit.bind(stores.incidents);
  let raced = false;
  stores.incidents.commit = async (change, expectedVersion, record) => {
    if (!raced) {
      raced = true;
      const head = (await stores.incidents.getHead(change.head.id))!;
      await commit(addUpdate(head, anAddUpdateInput({ message: 'The other commander was faster.' }), 'upd_rival', now.toISOString(), config), head.version);
    }
    return commit(change, expectedVersion, record);
  };
}

const commits = () => calls.filter((call) => call.port === 'incidents' && call.method === 'commit');

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  handle(anApiEvent({ method: 'POST', path, body, headers, commanderToken: token }));

function problemOf(result: { headers: Record<string, string>; body: string }) {
  expect(result.headers['content-type']).toBe('application/problem+json');
  return JSON.parse(result.body) as { status: number; type: string; detail: string; errors?: { path: string }[] };
}

describe('API handler errors', () => {
  it('401 without a commander token, and the store is never asked', async () => {
    const result = await handle(anApiEvent({ method: 'POST', path: '/v1/incidents', body: aDeclaration() }));
    expect(result.statusCode).toBe(401);
    expect(problemOf(result).status).toBe(401);
    expect(result.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(callNames(calls)).toEqual([]);
  });

  it('401 with a wrong token even when the body is also bad (401 wins)', async () => {
    const result = await handle(anApiEvent({ method: 'POST', path: '/v1/incidents', rawBody: 'nope', commanderToken: 'guess' }));
    expect(result.statusCode).toBe(401);
  });

  it('413 for a body over 64 KiB', async () => {
    const result = await post('/v1/incidents', aDeclaration({ message: 'x'.repeat(70_000) }));
    expect(result.statusCode).toBe(413);
    expect(callNames(calls)).toEqual([]);
  });

  it('415 for a body that is not JSON', async () => {
    const result = await handle(anApiEvent({ method: 'POST', path: '/v1/incidents', rawBody: 'title=down', commanderToken: token, headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
    expect(result.statusCode).toBe(415);
    const malformed = await handle(anApiEvent({ method: 'POST', path: '/v1/incidents', rawBody: '{"title":', commanderToken: token }));
    expect(malformed.statusCode).toBe(415);
    expect(callNames(calls)).toEqual([]);
  });

  it('400 names each rejected field and sends nothing to the store', async () => {
    const result = await post('/v1/incidents', aDeclaration({ impact: 'apocalyptic', components: [{ id: 'billing', status: 'major_outage' }] }));
    expect(result.statusCode).toBe(400);
    const paths = problemOf(result).errors!.map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['impact', 'components.0.id']));
    expect(callNames(calls)).toEqual([]);
  });

  it('400 for a malformed Idempotency-Key or If-Match', async () => {
    expect((await post('/v1/incidents', aDeclaration(), { 'idempotency-key': 'k'.repeat(256) })).statusCode).toBe(400);
    expect((await post(`/v1/incidents/${incidentId}/updates`, anUpdateBody(), { 'if-match': 'yesterday' })).statusCode).toBe(400);
    expect(callNames(calls)).toEqual([]);
  });

  it('404 for an unknown incident', async () => {
    const result = await post(`/v1/incidents/${incidentId}/updates`, anUpdateBody());
    expect(result.statusCode).toBe(404);
    expect(callNames(calls)).toEqual(['incidents.getIncident']);
  });

  it('404 for an id that cannot be ours, without asking the store', async () => {
    const result = await handle(anApiEvent({ path: `/v1/incidents/${'x'.repeat(5000)}` }));
    expect(result.statusCode).toBe(404);
    expect(callNames(calls)).toEqual([]);
  });

  it('412 when If-Match is not the current version', async () => {
    await anIncidentIsDeclared();
    const result = await post(`/v1/incidents/${incidentId}/updates`, anUpdateBody(), { 'if-match': '"7"' });
    expect(result.statusCode).toBe(412);
    expect(commits()).toHaveLength(0);
  });

  it('409 for an update after resolved', async () => {
    await anIncidentIsResolved();
    const result = await post(`/v1/incidents/${incidentId}/updates`, anUpdateBody());
    expect(result.statusCode).toBe(409);
    expect(commits()).toHaveLength(0);
  });

  it('422 when an Idempotency-Key is reused with another body', async () => {
    await anIncidentIsDeclared(anotherBodysRecord());
    const result = await post(`/v1/incidents/${incidentId}/updates`, anUpdateBody(), { 'idempotency-key': 'k1' });
    expect(result.statusCode).toBe(422);
    expect(commits()).toHaveLength(0);
  });

  it('409 outranks 422 when a reused key meets a resolved incident', async () => {
    await anIncidentIsResolved(anotherBodysRecord());
    expect((await post(`/v1/incidents/${incidentId}/updates`, anUpdateBody(), { 'idempotency-key': 'k1' })).statusCode).toBe(409);
  });

  it('412 when another commander wins the race under If-Match', async () => {
    await anIncidentIsDeclared();
    anotherCommanderWinsTheNextCommit();
    const result = await post(`/v1/incidents/${incidentId}/updates`, anUpdateBody(), { 'if-match': '"1"' });
    expect(result.statusCode).toBe(412);
    expect(problemOf(result).type).toMatch(/version-mismatch/);
    expect(commits()).toHaveLength(1);
    // Only the winner's update is stored.
    const stored = await stores.incidents.getIncident(incidentId);
    expect(stored?.head.version).toBe(2);
    expect(stored?.updates.map((update) => update.id)).toEqual(['upd_1', 'upd_rival']);
  });

  it('405 for a known path with the wrong method, naming the allowed ones', async () => {
    const result = await handle(anApiEvent({ method: 'DELETE', path: '/v1/incidents' }));
    expect(result.statusCode).toBe(405);
    expect(result.headers['allow']).toContain('POST');
  });

  it('400 for a bad query parameter and a forged cursor', async () => {
    expect((await handle(anApiEvent({ path: '/v1/incidents', query: 'limit=1000' }))).statusCode).toBe(400);
    expect(callNames(calls)).toEqual([]);
    const forged = Buffer.from(JSON.stringify({ allPk: 'SOMEONE-ELSE', startedSk: 'x', pk: 'a', sk: 'b' })).toString('base64url');
    const result = await handle(anApiEvent({ path: '/v1/incidents', query: `state=all&cursor=${forged}` }));
    expect(result.statusCode).toBe(400);
    expect(problemOf(result).errors!.map((error) => error.path)).toEqual(['query.cursor']);
    // The listing refuses the cursor (it holds the cursor format); nothing else is read.
    expect(callNames(calls)).toEqual(['incidents.listIncidents']);
  });

  it('a fault of ours is a 500 problem that says the request may be retried, logged once', async () => {
    stores.incidents.getIncident = () => Promise.reject(new Error('network down'));
    const result = await handle(anApiEvent({ path: `/v1/incidents/${incidentId}` }));
    expect(result.statusCode).toBe(500);
    const problem = problemOf(result);
    expect(problem.status).toBe(500);
    expect(problem.detail).toMatch(/retried/);
    expect(problem.detail).not.toContain('network down');
    const errors = logger.lines.filter((line) => line.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.attributes).toMatchObject({ incidentId, path: `/v1/incidents/${incidentId}`, method: 'GET' });
  });
});

describe('API handler success', () => {
  it('declares an incident in one commit with Location and ETag', async () => {
    const result = await post('/v1/incidents', aDeclaration());
    expect(result.statusCode).toBe(201);
    const incident = JSON.parse(result.body);
    expect(result.headers['location']).toBe(`/v1/incidents/${incident.id}`);
    expect(result.headers['etag']).toBe('"1"');
    expect(incident.updates[0]).toMatchObject({ seq: 1, kind: 'apology' });
    // One commit holding the head and its first update, and no idempotency record without a key.
    expect(commits()).toHaveLength(1);
    expect(commits()[0]!.args[2]).toBeUndefined();
    const stored = await stores.incidents.getIncident(incident.id);
    expect(stored?.head).toMatchObject({ id: incident.id, version: 1 });
    expect(stored?.updates.map((update) => update.seq)).toEqual([1]);
  });

  it('writes the idempotency record in the same commit as the change, and a retry replays the answer', async () => {
    const first = await post('/v1/incidents', aDeclaration(), { 'idempotency-key': 'declare-1' });
    expect(first.statusCode).toBe(201);
    const incident = JSON.parse(first.body);
    expect(commits()).toHaveLength(1);
    expect(commits()[0]!.args[2]).toMatchObject({ key: 'declare-1' });
    expect(await stores.idempotency.find('declare-1', nowSeconds)).toMatchObject({ key: 'declare-1', statusCode: 201, incidentId: incident.id, version: 1 });

    const again = await post('/v1/incidents', aDeclaration(), { 'idempotency-key': 'declare-1' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(JSON.parse(again.body)).toEqual(incident);
    expect(commits()).toHaveLength(1);
  });

  it('retries a lost race when the commander did not send If-Match', async () => {
    await anIncidentIsDeclared();
    anotherCommanderWinsTheNextCommit();
    const result = await post(`/v1/incidents/${incidentId}/updates`, anUpdateBody());
    expect(result.statusCode).toBe(201);
    expect(commits()).toHaveLength(2);
    // The retry is computed on the winner's version: both updates stand, in order.
    expect(result.headers['etag']).toBe('"3"');
    const stored = await stores.incidents.getIncident(incidentId);
    expect(stored?.head.version).toBe(3);
    expect(stored?.updates.map((update) => update.seq)).toEqual([1, 2, 3]);
    expect(stored?.updates[1]!.id).toBe('upd_rival');
  });

  it('previews every channel and locale without writing', async () => {
    await anIncidentIsDeclared();
    const result = await post(`/v1/incidents/${incidentId}/preview`, anUpdateBody({ status: 'resolved', message: 'All fixed.' }));
    expect(result.statusCode).toBe(200);
    const { messages } = JSON.parse(result.body);
    expect(messages.map((message: { channel: string; locale: string }) => `${message.channel}:${message.locale}`).sort()).toEqual(
      ['email:en', 'email:id', 'inapp:en', 'inapp:id', 'webhook:en', 'webhook:id', 'x:en'],
    );
    expect(messages.every((message: { kind: string }) => message.kind === 'recovery')).toBe(true);
    expect(commits()).toHaveLength(0);
    expect((await stores.incidents.getHead(incidentId))?.version).toBe(1);
  });

  it('previews a declaration (a scenario too) before there is an incident, writing nothing', async () => {
    const result = await post('/v1/incidents/preview', aDeclaration({ impact: 'critical' }));
    expect(result.statusCode).toBe(200);
    const { messages } = JSON.parse(result.body) as { messages: { channel: string; locale: string; kind: string; subject?: string }[] };
    expect(messages.map((message) => `${message.channel}:${message.locale}`).sort()).toEqual(['email:en', 'email:id', 'inapp:en', 'inapp:id', 'webhook:en', 'webhook:id', 'x:en']);
    expect(messages.every((message) => message.kind === 'apology')).toBe(true);
    expect(messages.find((message) => message.channel === 'email' && message.locale === 'en')?.subject).toContain('Elevated errors');
    const refused = await post('/v1/incidents/preview', { scenario: 'no-such-scenario' });
    expect(refused.statusCode).toBe(400);
    expect(commits()).toHaveLength(0);
  });

  it('serves status from the snapshot: a second read asks the store nothing', async () => {
    await anIncidentIsDeclared();
    const first = await handle(anApiEvent({ path: '/v1/status' }));
    expect(callNames(calls)).toEqual(['incidents.listOpen', 'incidents.listMaintenances', 'incidents.listMaintenances']);
    const second = await handle(anApiEvent({ path: '/v1/status' }));
    const status = JSON.parse(first.body);
    expect(status.status).toBe('operational');
    expect(status.incidents.map((incident: { id: string }) => incident.id)).toEqual([incidentId]);
    expect(second.body).toBe(first.body);
    expect(first.headers['cache-control']).toMatch(/public, max-age=\d+/);
    expect(callNames(calls)).toEqual(['incidents.listOpen', 'incidents.listMaintenances', 'incidents.listMaintenances']);
  });

  it('stores a subscription as pending with its locale and components, and answers 202 without saying more', async () => {
    const result = await handle(anApiEvent({ method: 'POST', path: '/v1/subscriptions', body: { email: 'ana@example.com', locale: 'id', components: ['api'] } }));
    expect(result.statusCode).toBe(202);
    expect(JSON.parse(result.body)).toEqual({ status: 'pending-confirmation' });
    expect(await stores.subscribers.findByEmail('ana@example.com')).toMatchObject({ state: 'pending', locale: 'id', components: ['api'], timeZone: 'Asia/Jakarta' });
  });

  it('serves an OpenAPI 3.1 document generated from the schemas', async () => {
    const result = await handle(anApiEvent({ path: '/v1/openapi.json' }));
    const document = JSON.parse(result.body);
    expect(document.openapi).toBe('3.1.0');
    expect(document.components.schemas.DeclareIncident.properties.impact.enum).toEqual(['none', 'minor', 'major', 'critical']);
    expect(document.paths['/v1/incidents'].post.security).toEqual([{ commander: [] }]);
    expect(document.paths['/v1/incidents'].post.operationId).toBe('declareIncident');
    expect(document.paths['/v1/incidents/{id}/updates'].post.operationId).toBe('addUpdate');
    const operationIds = Object.values(document.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((item) =>
      Object.values(item).map((operation) => operation.operationId),
    );
    expect(operationIds.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(operationIds).size).toBe(operationIds.length);
  });
});

describe('conditional reads (If-None-Match)', () => {
  const get = (path: string, headers: Record<string, string> = {}, query = '') => handle(anApiEvent({ path, headers, query }));

  it.each([
    ['/v1/status', ''],
    ['/v1/feed', 'locale=en'],
    ['/v1/feed.atom', 'locale=en'],
    ['/v1/incidents', ''],
    [`/v1/incidents/${incidentId}`, ''],
  ])('%s answers a strong ETag, 304 with no body for it, and 200 for a stale one', async (path, query) => {
    await anIncidentIsDeclared();
    const first = await get(path, {}, query);
    expect(first.statusCode).toBe(200);
    const tag = first.headers['etag']!;
    expect(tag).toMatch(/^"[^"]+"$/);

    const unchanged = await get(path, { 'if-none-match': tag }, query);
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBe('');
    expect(unchanged.headers['etag']).toBe(tag);
    expect(unchanged.headers['cache-control']).toBe(first.headers['cache-control']);
    expect(unchanged.headers['content-type']).toBeUndefined();

    const stale = await get(path, { 'if-none-match': '"something-older"' }, query);
    expect(stale.statusCode).toBe(200);
    expect(stale.body).toBe(first.body);
  });

  it('compares weakly and through a list, and * matches whatever is current', async () => {
    await anIncidentIsDeclared();
    const tag = (await get('/v1/status')).headers['etag']!;
    expect((await get('/v1/status', { 'if-none-match': `W/${tag}` })).statusCode).toBe(304);
    expect((await get('/v1/status', { 'if-none-match': `"older", ${tag}` })).statusCode).toBe(304);
    expect((await get('/v1/status', { 'if-none-match': '*' })).statusCode).toBe(304);
  });

  it('answers the full read to an If-None-Match that names nothing usable, never an error', async () => {
    await anIncidentIsDeclared();
    for (const garbage of ['', 'not-a-tag', '"unterminated', 'W/', '""', '\u0000']) {
      const result = await get('/v1/status', { 'if-none-match': garbage });
      expect(result.statusCode, JSON.stringify(garbage)).toBe(200);
    }
  });

  it('gives an incident a new ETag with each update, so a reader holding the old one gets the new timeline', async () => {
    await anIncidentIsDeclared();
    const before = await get(`/v1/incidents/${incidentId}`);
    await post(`/v1/incidents/${incidentId}/updates`, anUpdateBody());
    const after = await get(`/v1/incidents/${incidentId}`, { 'if-none-match': before.headers['etag']! });
    expect(after.statusCode).toBe(200);
    expect(after.headers['etag']).not.toBe(before.headers['etag']);
    expect(JSON.parse(after.body).updates).toHaveLength(2);
  });

  it('leaves a 404 alone: no ETag on a problem', async () => {
    const missing = await get('/v1/incidents/inc_01JF3Z99999999999999999999', { 'if-none-match': '*' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['etag']).toBeUndefined();
  });
});
