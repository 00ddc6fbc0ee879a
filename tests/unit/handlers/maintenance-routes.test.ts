import { describe, expect, it } from 'vitest';
import { anApiEvent } from '../../support/api-events.js';
import { aConfig } from '../../support/builders.js';
import { aMemoryApi } from '../../support/memory-api.js';
import { memoryStores } from '../../support/memory/memory-stores.js';

const now = '2031-05-05T01:00:00.000Z';
const minutes = (count: number) => new Date(Date.parse(now) + count * 60_000).toISOString();
const aWindow = { title: { en: 'Database upgrade', id: 'Peningkatan basis data' }, message: 'Upgrading.', components: ['chat'], scheduledFor: minutes(120), scheduledUntil: minutes(180) };

function api() {
  const stores = memoryStores();
  const { handle } = aMemoryApi({ config: aConfig(), stores, clock: () => new Date(now) });
  const asCommander = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    handle(anApiEvent({ method, path, ...(body === undefined ? {} : { body }), commanderToken: 'commander-secret', headers }));
  return { handle, asCommander, stores };
}

describe('the maintenance routes', () => {
  it('schedule for commanders only, answering 201 with the window and its Location; an Idempotency-Key replays', async () => {
    const { handle, asCommander } = api();
    expect((await handle(anApiEvent({ method: 'POST', path: '/v1/maintenances', body: aWindow }))).statusCode).toBe(401);
    const first = await asCommander('POST', '/v1/maintenances', aWindow, { 'idempotency-key': 'window-1' });
    expect(first.statusCode).toBe(201);
    const window = JSON.parse(first.body);
    expect(first.headers.location).toBe(`/v1/maintenances/${window.id}`);
    expect(window).toMatchObject({ type: 'maintenance', status: 'scheduled', titles: aWindow.title, scheduledFor: aWindow.scheduledFor, remindBeforeMinutes: 60, autoStart: true, autoComplete: true });
    const again = await asCommander('POST', '/v1/maintenances', aWindow, { 'idempotency-key': 'window-1' });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(JSON.parse(again.body).id).toBe(window.id);
    expect((await asCommander('POST', '/v1/maintenances', { ...aWindow, title: 'Other' }, { 'idempotency-key': 'window-1' })).statusCode).toBe(422);
  });

  it('answer in the contract’s order: 400 for a bad body, 404 for an unknown window or an incident’s id, 412 for a stale If-Match, 409 for a finished window', async () => {
    const { asCommander } = api();
    const bad = await asCommander('POST', '/v1/maintenances', { ...aWindow, components: [] });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).errors).toEqual([expect.objectContaining({ path: 'components' })]);
    const id = JSON.parse((await asCommander('POST', '/v1/maintenances', aWindow)).body).id as string;
    const incident = JSON.parse((await asCommander('POST', '/v1/incidents', { title: 'T', impact: 'minor', message: 'M' })).body).id as string;
    expect((await asCommander('POST', `/v1/maintenances/${incident}/updates`, { status: 'in_progress', message: 'x' })).statusCode).toBe(404);
    expect((await asCommander('POST', '/v1/maintenances/mnt_nope/updates', { status: 'in_progress', message: 'x' })).statusCode).toBe(404);
    expect((await asCommander('POST', `/v1/maintenances/${id}/updates`, { status: 'in_progress', message: 'x' }, { 'if-match': '"7"' })).statusCode).toBe(412);
    expect((await asCommander('POST', `/v1/maintenances/${id}/updates`, { status: 'cancelled', message: 'x' })).statusCode).toBe(201);
    const late = await asCommander('POST', `/v1/maintenances/${id}/updates`, { status: 'in_progress', message: 'x' });
    expect(late.statusCode).toBe(409);
    expect(late.headers['content-type']).toMatch(/application\/problem\+json/);
    // Bad input still wins over the lifecycle: 400 before 409, nothing written.
    expect((await asCommander('POST', `/v1/maintenances/${id}/updates`, { status: 'done', message: 'x' })).statusCode).toBe(400);
  });

  it('answer the delivery ledger of a window to commanders, and 404 for an incident’s id', async () => {
    const { handle, asCommander } = api();
    const id = JSON.parse((await asCommander('POST', '/v1/maintenances', aWindow)).body).id as string;
    const incident = JSON.parse((await asCommander('POST', '/v1/incidents', { title: 'T', impact: 'minor', message: 'M' })).body).id as string;
    const ledger = await asCommander('GET', `/v1/maintenances/${id}/deliveries`);
    expect(ledger.statusCode).toBe(200);
    expect(JSON.parse(ledger.body)).toEqual({ items: [] });
    expect((await asCommander('GET', `/v1/maintenances/${incident}/deliveries`)).statusCode).toBe(404);
    expect((await asCommander('GET', `/v1/incidents/${id}/deliveries`)).statusCode).toBe(404);
    expect((await handle(anApiEvent({ method: 'GET', path: `/v1/maintenances/${id}/deliveries` }))).statusCode).toBe(401);
  });

  it('preview scheduling (the announcement and its reminder) and an update, in every channel and locale, storing nothing', async () => {
    const { asCommander, stores } = api();
    const scheduling = await asCommander('POST', '/v1/maintenances/preview', aWindow);
    expect(scheduling.statusCode).toBe(200);
    const messages = JSON.parse(scheduling.body).messages as { channel: string; locale: string; kind: string; subject?: string }[];
    expect(messages.map((message) => `${message.kind} ${message.channel} ${message.locale}`).sort()).toEqual(
      ['email en', 'email id', 'inapp en', 'inapp id', 'webhook en', 'webhook id', 'x en'].flatMap((where) => [`maintenance_reminder ${where}`, `maintenance_scheduled ${where}`]).sort(),
    );
    expect((await stores.incidents.listMaintenances('upcoming', 10)).heads).toEqual([]);
    const id = JSON.parse((await asCommander('POST', '/v1/maintenances', aWindow)).body).id as string;
    const update = await asCommander('POST', `/v1/maintenances/${id}/preview`, { status: 'in_progress', message: 'Starting early.' });
    expect(JSON.parse(update.body).messages.map((message: { kind: string }) => message.kind)).toEqual(Array(7).fill('maintenance_started'));
    expect((await stores.incidents.getHead(id))?.version).toBe(1);
    expect((await asCommander('POST', '/v1/maintenances/preview', { ...aWindow, scheduledFor: minutes(-5) })).statusCode).toBe(400);
  });

  it('list one phase publicly, and show one window with its timeline', async () => {
    const { handle, asCommander } = api();
    const id = JSON.parse((await asCommander('POST', '/v1/maintenances', aWindow)).body).id as string;
    const listed = JSON.parse((await handle(anApiEvent({ path: '/v1/maintenances', query: 'state=upcoming' }))).body);
    expect(listed.items.map((item: { id: string }) => item.id)).toEqual([id]);
    expect(listed.nextCursor).toBeNull();
    expect((await handle(anApiEvent({ path: '/v1/maintenances', query: 'state=soon' }))).statusCode).toBe(400);
    const one = JSON.parse((await handle(anApiEvent({ path: `/v1/maintenances/${id}` }))).body);
    expect(one.updates.map((update: { kind: string }) => update.kind)).toEqual(['maintenance_scheduled']);
  });
});
