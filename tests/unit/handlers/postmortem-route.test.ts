import { beforeEach, describe, expect, it } from 'vitest';
import type { IdempotencyRecord } from '../../../lambdas/core/incident/idempotency-record.js';
import { addUpdate, declareIncident } from '../../../lambdas/core/incident/lifecycle.js';
import type { Change } from '../../../lambdas/core/incident/lifecycle.js';
import type { ApiResult } from '../../../lambdas/handlers/api/http.js';
import { anApiEvent } from '../../support/api-events.js';
import { aConfig, aDeclareInput, anAddUpdateInput, anUpdateBody, aPostmortemBody } from '../../support/builders.js';
import { memoryStores } from '../../support/memory/memory-stores.js';
import type { MemoryStores } from '../../support/memory/memory-stores.js';
import { callNames, recordingStores } from '../../support/memory/recording-stores.js';
import type { PortCall } from '../../support/memory/recording-stores.js';
import { aMemoryApi } from '../../support/memory-api.js';
import { countingIds } from '../../support/subscribers.js';

const config = aConfig();
const token = 'commander-secret';
const incidentId = 'inc_01JF3Z00000000000000000000';
const path = `/v1/incidents/${incidentId}/postmortem`;
let now = new Date('2024-12-14T02:00:00.000Z');

let stores: MemoryStores;
let calls: PortCall[];
let handle: ReturnType<typeof aMemoryApi>['handle'];

beforeEach(() => {
  now = new Date('2024-12-14T02:00:00.000Z');
  stores = memoryStores();
  const recording = recordingStores(stores);
  calls = recording.calls;
  ({ handle } = aMemoryApi({ config, stores: recording.stores, clock: () => now, commanderToken: token, ids: countingIds() }));
});

// ---- seeding, through the ports ----------------------------------------------------------------

async function anOpenIncident(record?: IdempotencyRecord): Promise<Change> {
  const declared = declareIncident(aDeclareInput(), { incidentId, updateId: 'upd_1' }, '2024-12-11T23:16:00.000Z', config);
  await stores.incidents.commit(declared, null, record);
  return declared;
}

/** Declared, then resolved: version 2. */
async function aResolvedIncident(record?: IdempotencyRecord): Promise<void> {
  const declared = await anOpenIncident(record);
  const resolved = addUpdate(declared.head, anAddUpdateInput({ status: 'resolved', message: 'All fixed.' }), 'upd_2', '2024-12-12T03:26:00.000Z', config);
  await stores.incidents.commit(resolved, 1);
}

function anotherBodysRecord(): IdempotencyRecord {
  return { key: 'k1', requestHash: 'another-body', statusCode: 200, incidentId, version: 1, createdAt: '2024-12-11T23:16:00.000Z', expiresAt: 4102444800 };
}

const commits = () => calls.filter((call) => call.port === 'incidents' && call.method === 'commit');

/** `commanderToken: null` sends no Authorization header. */
function put(body: unknown, headers: Record<string, string> = {}, commanderToken: string | null = token): Promise<ApiResult> {
  return handle(anApiEvent({ method: 'PUT', path, body, headers, ...(commanderToken ? { commanderToken } : {}) }));
}

function preview(body: unknown, headers: Record<string, string> = {}): Promise<ApiResult> {
  return handle(anApiEvent({ method: 'POST', path: `/v1/incidents/${incidentId}/preview`, body, headers, commanderToken: token }));
}

function problemOf(result: ApiResult) {
  expect(result.headers['content-type']).toBe('application/problem+json');
  return JSON.parse(result.body) as { status: number; type: string; detail: string; errors?: { path: string; message: string }[] };
}

describe('PUT /v1/incidents/{id}/postmortem', () => {
  it('publishes: 200, the incident with its postmortem, one postmortem update that notifies, version + 1', async () => {
    await aResolvedIncident();
    const result = await put(aPostmortemBody());

    expect(result.statusCode).toBe(200);
    expect(result.headers['etag']).toBe('"3"');
    expect(result.headers['location']).toBeUndefined();
    const incident = JSON.parse(result.body);
    expect(incident).toMatchObject({ status: 'resolved', version: 3, resolvedAt: '2024-12-12T03:26:00.000Z' });
    expect(incident.postmortem).toEqual({ body: aPostmortemBody()['body'], publishedAt: '2024-12-14T02:00:00.000Z' });
    expect(incident.updates.map((update: { seq: number; kind: string }) => `${update.seq}:${update.kind}`)).toEqual(['1:apology', '2:recovery', '3:postmortem']);
    expect(incident.updates[2]).toMatchObject({ status: 'resolved', channels: ['inapp', 'email', 'x', 'webhook'], notify: true, message: aPostmortemBody()['body'] });
    expect(commits()).toHaveLength(1);
    expect((await stores.incidents.getIncident(incidentId))?.updates.at(-1)).toMatchObject({ seq: 3, kind: 'postmortem', notify: true });
  });

  it('revises: the latest text, revisedAt, and no sends unless the commander asks', async () => {
    await aResolvedIncident();
    await put(aPostmortemBody());
    now = new Date('2024-12-15T09:30:00.000Z');
    const revised = JSON.parse((await put({ body: 'Corrected: the rollout reached every region at once.' })).body);
    expect(revised.postmortem).toEqual({
      body: { en: 'Corrected: the rollout reached every region at once.', id: 'Corrected: the rollout reached every region at once.' },
      publishedAt: '2024-12-14T02:00:00.000Z',
      revisedAt: '2024-12-15T09:30:00.000Z',
    });
    expect(revised.updates.at(-1)).toMatchObject({ seq: 4, kind: 'postmortem', notify: false });
    const resent = JSON.parse((await put({ body: 'Final.', notify: true })).body);
    expect(resent.updates.at(-1)).toMatchObject({ seq: 5, kind: 'postmortem', notify: true });
  });

  it('shows the postmortem on the public reads of the incident', async () => {
    await aResolvedIncident();
    await put(aPostmortemBody());
    const one = JSON.parse((await handle(anApiEvent({ path: `/v1/incidents/${incidentId}` }))).body);
    expect(one.postmortem.publishedAt).toBe('2024-12-14T02:00:00.000Z');
    const list = JSON.parse((await handle(anApiEvent({ path: '/v1/incidents', query: 'state=resolved' }))).body);
    expect(list.items[0].postmortem.body).toEqual(aPostmortemBody()['body']);
  });

  it('replays the first answer for a retry with the same Idempotency-Key, and writes nothing more', async () => {
    await aResolvedIncident();
    const first = await put(aPostmortemBody(), { 'idempotency-key': 'pm-1' });
    const again = await put(aPostmortemBody(), { 'idempotency-key': 'pm-1' });
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(JSON.parse(again.body)).toEqual(JSON.parse(first.body));
    expect(commits()).toHaveLength(1);
  });

  describe('errors, in the order of docs/api.md', () => {
    it('401 without a valid token, before anything else (even a body that is too large)', async () => {
      await aResolvedIncident();
      expect((await put({ body: 'x'.repeat(70_000) }, {}, null)).statusCode).toBe(401);
      expect((await put(aPostmortemBody(), {}, 'guess')).statusCode).toBe(401);
      expect(commits()).toHaveLength(0);
    });

    it('413 for a body over 64 KiB, 415 for one that is not JSON, 400 naming the field, all before the store is asked', async () => {
      expect((await put({ body: 'x'.repeat(70_000) })).statusCode).toBe(413);
      const notJson = await handle(anApiEvent({ method: 'PUT', path, rawBody: 'body=why', commanderToken: token, headers: { 'content-type': 'text/plain' } }));
      expect(notJson.statusCode).toBe(415);
      const tooLong = await put({ body: 'x'.repeat(20_001) });
      expect(tooLong.statusCode).toBe(400);
      expect(problemOf(tooLong).errors!.map((error) => error.path)).toEqual(['body']);
      expect(problemOf(await put({ body: { id: 'Hanya bahasa Indonesia' } })).errors!.map((error) => error.path)).toEqual(['body']);
      expect((await put(aPostmortemBody(), { 'if-match': 'yesterday' })).statusCode).toBe(400);
      expect(callNames(calls)).toEqual([]);
    });

    it('404 for an unknown incident, even with a stale If-Match', async () => {
      const result = await put(aPostmortemBody(), { 'if-match': '"7"' });
      expect(result.statusCode).toBe(404);
      expect(problemOf(result).type).toMatch(/incident-not-found$/);
    });

    it('412 for a stale If-Match, before the open incident conflicts', async () => {
      await anOpenIncident();
      const result = await put(aPostmortemBody(), { 'if-match': '"7"' });
      expect(result.statusCode).toBe(412);
      expect(commits()).toHaveLength(0);
    });

    it('409 incident-open on an incident that is not resolved, before a reused Idempotency-Key', async () => {
      await anOpenIncident(anotherBodysRecord());
      const result = await put(aPostmortemBody(), { 'idempotency-key': 'k1' });
      expect(result.statusCode).toBe(409);
      expect(problemOf(result).type).toMatch(/incident-open$/);
      expect(problemOf(result).detail).toMatch(/once it is resolved/);
      expect(commits()).toHaveLength(0);
    });

    it('422 for an Idempotency-Key reused with another body', async () => {
      await aResolvedIncident(anotherBodysRecord());
      const result = await put(aPostmortemBody(), { 'idempotency-key': 'k1' });
      expect(result.statusCode).toBe(422);
      expect(commits()).toHaveLength(0);
    });

    it('publishes under a current If-Match', async () => {
      await aResolvedIncident();
      expect((await put(aPostmortemBody(), { 'if-match': '"2"' })).statusCode).toBe(200);
    });
  });
});

describe('POST /v1/incidents/{id}/preview of a postmortem', () => {
  it('renders the postmortem on email, in-app and webhooks in every locale and on X, and stores nothing', async () => {
    await aResolvedIncident();
    const result = await preview({ postmortem: aPostmortemBody()['body'] });
    expect(result.statusCode).toBe(200);
    const { messages } = JSON.parse(result.body) as { messages: { channel: string; locale: string; kind: string; subject?: string; text: string }[] };
    expect(messages.map((message) => `${message.channel}:${message.locale}`).sort()).toEqual(['email:en', 'email:id', 'inapp:en', 'inapp:id', 'webhook:en', 'webhook:id', 'x:en']);
    expect(messages.every((message) => message.kind === 'postmortem')).toBe(true);
    const email = messages.find((message) => message.channel === 'email' && message.locale === 'id')!;
    expect(email.subject).toBe('[Nimbus Chat] Laporan pascainsiden: Elevated errors for Chat');
    expect(email.text).toContain('Langkah perbaikan kami: layanan untuk seluruh klaster kini dipasang bertahap per wilayah.');
    expect(messages.find((message) => message.channel === 'x')!.text).toMatch(/^We've published our postmortem of "Elevated errors for Chat"/);
    expect(commits()).toHaveLength(0);
    expect((await stores.incidents.getHead(incidentId))?.version).toBe(2);
  });

  it('is 409 incident-open on an open incident, and 404 on an unknown one', async () => {
    expect((await preview({ postmortem: 'Why.' })).statusCode).toBe(404);
    await anOpenIncident();
    const open = await preview({ postmortem: 'Why.' });
    expect(open.statusCode).toBe(409);
    expect(problemOf(open).type).toMatch(/incident-open$/);
  });

  it('still previews an update, and names the fields of the shape the body is written in', async () => {
    await anOpenIncident();
    expect((await preview(anUpdateBody())).statusCode).toBe(200);
    expect(problemOf(await preview({})).errors!.map((error) => error.path)).toEqual(['status', 'message']);
    expect(problemOf(await preview({ postmortem: '\u200b' })).errors!.map((error) => error.path)).toEqual(['postmortem']);
    expect(problemOf(await preview({ ...anUpdateBody(), postmortem: 'Why.' })).status).toBe(400);
  });
});

describe('the OpenAPI document', () => {
  it('has the PUT route, the postmortem on the Incident, and a preview body that is an update or a postmortem', async () => {
    const document = JSON.parse((await handle(anApiEvent({ path: '/v1/openapi.json' }))).body);
    const publish = document.paths['/v1/incidents/{id}/postmortem'].put;
    expect(publish).toMatchObject({ operationId: 'publishPostmortem', security: [{ commander: [] }] });
    expect(publish.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/PublishPostmortem' });
    expect(Object.keys(publish.responses)).toContain('200');
    expect(publish.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(['id', 'Idempotency-Key', 'If-Match']);
    expect(document.components.schemas.Incident.properties.postmortem.required).toEqual(['body', 'publishedAt']);
    const previewBody = document.components.schemas.PreviewUpdate;
    expect(previewBody.anyOf[0]).toEqual({ $ref: '#/components/schemas/AddUpdate' });
    expect(previewBody.anyOf[1].required).toEqual(['postmortem']);
  });
});
