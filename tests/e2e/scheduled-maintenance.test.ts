import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aLocalRuntimeWith } from '../support/local-runtime-with.js';
import { mailsIn } from '../support/outbox.js';
import { subscribeAndConfirm } from '../support/subscribe-and-confirm.js';

// Scheduled maintenance through the whole local runtime, on a clock the test holds: announced at
// once, reminded, started and completed by the runtime's timers, each message on every channel in
// every locale; rescheduled and cancelled windows whose old timers send nothing; a timer delivered
// twice sending once. No real waiting: the clock is moved and the timers ticked.

let now = Date.parse('2031-05-05T01:00:00.000Z');
const clock = () => new Date(now);
const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
const advanceTo = (iso: string) => (now = Date.parse(iso));
let local: Awaited<ReturnType<typeof aLocalRuntimeWith>>;

beforeAll(async () => {
  local = await aLocalRuntimeWith({ clock });
  await subscribeAndConfirm(local, 'ana@example.com', { locale: 'en' });
  await subscribeAndConfirm(local, 'sari@example.com', { locale: 'id', timeZone: 'Asia/Jakarta' });
});

afterAll(async () => {
  await local?.runtime.stop();
});

const settled = async () => expect(await local.runtime.pipeline.settled()).toBe(true);
const tick = async () => {
  await local.runtime.pipeline.timers.tick();
  await settled();
};
const window = async (id: string) => (await local.api.get(`/v1/maintenances/${id}`)).json as { status: string; version: number; components: { id: string; status: string }[]; updates: { seq: number; kind: string }[] };
const kindsOf = async (id: string) => (await window(id)).updates.map((update) => update.kind);
/** What went out for one message of the window, per channel and locale: ledger rows, mails, posts, feed items. */
async function sentFor(id: string, seq: number) {
  const rows = (await local.runtime.stores.deliveries.listForIncident(id)).filter((row) => row.seq === seq);
  const mails = (await mailsIn(local.outboxDir)).filter((mail) => new RegExp(`^X-Ses-Tag-IncidentId:\\s*${id}\\s*$`, 'im').test(mail.rawHeaders));
  const posts = readFileSync(join(local.outboxDir, 'x.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { incidentId: string; text: string; locale: string });
  const feed = async (locale: string) => ((await local.api.get(`/v1/feed?locale=${locale}&limit=100`)).json.items as { incidentId: string; kind: string; title: string; body: string }[]).filter((item) => item.incidentId === id);
  return { rows: rows.map((row) => `${row.channel} ${row.locale} ${row.state}`).sort(), mails, posts: posts.filter((post) => post.incidentId === id), feed: { en: await feed('en'), id: await feed('id') } };
}

describe('a window starting in 2 minutes with a 1-minute reminder', () => {
  let id: string;
  const everywhere = ['email en sent', 'email id sent', 'inapp en sent', 'inapp id sent', 'webhook en sent', 'webhook id sent', 'x en sent'];

  it('is announced at once on every channel and locale', async () => {
    const scheduled = await local.api.call('POST', '/v1/maintenances', {
      title: { en: 'Database upgrade', id: 'Peningkatan basis data' },
      message: { en: 'We are upgrading the database behind chat history.', id: 'Kami meningkatkan basis data riwayat chat.' },
      components: ['chat'],
      scheduledFor: at(2),
      scheduledUntil: at(4),
      remindBeforeMinutes: 1,
    });
    expect(scheduled.status, scheduled.text).toBe(201);
    expect(scheduled.headers.get('location')).toBe(`/v1/maintenances/${scheduled.json.id}`);
    id = scheduled.json.id as string;
    expect(scheduled.json).toMatchObject({ type: 'maintenance', status: 'scheduled', scheduledFor: at(2), scheduledUntil: at(4), remindBeforeMinutes: 1, components: [{ id: 'chat', status: 'operational' }] });
    await settled();
    const sent = await sentFor(id, 1);
    expect(sent.rows).toEqual(everywhere);
    // Commanders read the same rows through the window's own ledger route.
    const ledger = (await local.api.get(`/v1/maintenances/${id}/deliveries`)).json.items as { seq: number; channel: string; locale: string; state: string }[];
    expect(ledger.filter((row) => row.seq === 1).map((row) => `${row.channel} ${row.locale} ${row.state}`).sort()).toEqual(everywhere);
    expect(sent.mails.map((mail) => `${mail.to} ${mail.subject}`).sort()).toEqual([
      'ana@example.com [Nimbus Chat] Scheduled maintenance: Database upgrade',
      'sari@example.com [Nimbus Chat] Pemeliharaan terjadwal: Peningkatan basis data',
    ]);
    // 01:02 UTC is 08.02 in Jakarta: each reader gets the window in their own zone.
    expect(sent.mails.find((mail) => mail.to === 'sari@example.com')?.text).toContain('Waktu: 5 Mei 2031 08.02–08.04 WIB');
    expect(sent.posts.map((post) => post.text)).toEqual([expect.stringMatching(/^Scheduled maintenance, May 5, 2031, 1:02\s–\s1:04\sAM UTC: Database upgrade\. Affected: Chat\./)]);
    expect(sent.feed.id.map((item) => `${item.kind} ${item.title}`)).toEqual(['maintenance_scheduled Pemeliharaan terjadwal: Peningkatan basis data']);
    expect(local.runtime.pipeline.timers.pending().filter((timer) => timer.name.endsWith(id)).map((timer) => `${timer.target.kind} ${timer.dueAt}`).sort()).toEqual([
      `maintenance-reminder ${at(1)}`,
      `maintenance-start ${at(2)}`,
    ]);
    const status = (await local.api.get('/v1/status')).json as { maintenances: { id: string; status: string }[]; components: { id: string; status: string }[] };
    expect(status.maintenances).toEqual([expect.objectContaining({ id, status: 'scheduled', type: 'maintenance' })]);
    expect(status.components.find((component) => component.id === 'chat')?.status).toBe('operational');
  });

  it('sends the reminder at T−1 minute, nothing before', async () => {
    advanceTo(at(0.5));
    await tick();
    expect(await kindsOf(id)).toEqual(['maintenance_scheduled']);
    advanceTo(at(0.5));
    await tick();
    expect(await kindsOf(id)).toEqual(['maintenance_scheduled', 'maintenance_reminder']);
    const sent = await sentFor(id, 2);
    expect(sent.rows).toEqual(everywhere);
    expect(sent.feed.en.map((item) => item.title)).toContain('Maintenance reminder: Database upgrade');
  });

  it('starts at T: maintenance_started everywhere, its components under maintenance', async () => {
    advanceTo(at(1));
    await tick();
    expect(await kindsOf(id)).toEqual(['maintenance_scheduled', 'maintenance_reminder', 'maintenance_started']);
    expect((await sentFor(id, 3)).rows).toEqual(everywhere);
    const started = await window(id);
    expect(started).toMatchObject({ status: 'in_progress', components: [{ id: 'chat', status: 'under_maintenance' }] });
    const status = (await local.api.get('/v1/status')).json as { status: string; components: { id: string; status: string }[] };
    expect(status.components.find((component) => component.id === 'chat')?.status).toBe('under_maintenance');
    expect(status.status).toBe('degraded_performance');
  });

  it('completes at the end: maintenance_completed everywhere, its components back', async () => {
    advanceTo(at(2));
    await tick();
    expect(await kindsOf(id)).toEqual(['maintenance_scheduled', 'maintenance_reminder', 'maintenance_started', 'maintenance_completed']);
    expect((await sentFor(id, 4)).rows).toEqual(everywhere);
    expect(await window(id)).toMatchObject({ status: 'completed', components: [{ id: 'chat', status: 'operational' }] });
    const status = (await local.api.get('/v1/status')).json as { status: string; maintenances: unknown[] };
    expect(status.maintenances).toEqual([]);
    expect((await local.api.get('/v1/maintenances?state=past')).json.items.map((item: { id: string }) => item.id)).toContain(id);
    expect(local.runtime.pipeline.timers.pending().filter((timer) => timer.name.endsWith(id))).toEqual([]);
    // Readers of the Atom feed get each message as an entry in their language.
    const atom = await (await fetch(`${local.runtime.url}/v1/feed.atom?locale=id`)).text();
    for (const kind of ['maintenance_scheduled', 'maintenance_reminder', 'maintenance_started', 'maintenance_completed']) expect(atom).toContain(`<category term="${kind}"/>`);
    expect(atom).toContain('Pemeliharaan selesai: Peningkatan basis data');
  });

  it('sends one message for a timer delivered twice', async () => {
    // The start timer of version 2 again, as Scheduler might deliver it a second time.
    await local.runtime.pipeline.timers.set({ name: `maintenance-start-${id}`, dueAt: at(-2), target: { kind: 'maintenance-start', maintenanceId: id, version: 2 } });
    await tick();
    expect(await kindsOf(id)).toHaveLength(4);
  });
});

describe('a rescheduled, then cancelled window', () => {
  it('sends nothing from its old timers, and only maintenance_cancelled once cancelled', async () => {
    const scheduled = await local.api.call('POST', '/v1/maintenances', { title: 'Network work', message: 'Router replacement.', components: ['api'], scheduledFor: at(10), scheduledUntil: at(20), remindBeforeMinutes: 5 });
    const id = scheduled.json.id as string;
    await settled();
    const moved = await local.api.call('POST', `/v1/maintenances/${id}/updates`, { status: 'scheduled', message: 'Moved by half an hour.', scheduledFor: at(40), scheduledUntil: at(50) }, { 'if-match': '"1"' });
    expect(moved.status, moved.text).toBe(201);
    expect(moved.json).toMatchObject({ version: 2, scheduledFor: at(40), scheduledUntil: at(50) });
    await settled();
    expect(await kindsOf(id)).toEqual(['maintenance_scheduled', 'maintenance_scheduled']);
    expect((await sentFor(id, 2)).rows).toHaveLength(7);
    // The first schedule's timers, as a Scheduler that had not yet heard of the move would fire them.
    for (const kind of ['maintenance-reminder', 'maintenance-start'] as const) {
      await local.runtime.pipeline.timers.set({ name: `old-${kind}-${id}`, dueAt: at(5), target: { kind, maintenanceId: id, version: 1 } });
    }
    advanceTo(at(11));
    await tick();
    expect(await kindsOf(id)).toEqual(['maintenance_scheduled', 'maintenance_scheduled']);

    const cancelled = await local.api.call('POST', `/v1/maintenances/${id}/updates`, { status: 'cancelled', message: 'No longer needed.' });
    expect(cancelled.status, cancelled.text).toBe(201);
    await settled();
    expect(local.runtime.pipeline.timers.pending().filter((timer) => timer.name.endsWith(id) && !timer.name.startsWith('old-'))).toEqual([]);
    advanceTo(at(60));
    await tick();
    expect(await kindsOf(id)).toEqual(['maintenance_scheduled', 'maintenance_scheduled', 'maintenance_cancelled']);
    expect((await sentFor(id, 3)).rows).toHaveLength(7);
    const again = await local.api.call('POST', `/v1/maintenances/${id}/updates`, { status: 'in_progress', message: 'Starting anyway.' });
    expect(again.status).toBe(409);
    expect(again.json.type).toMatch(/maintenance-conflict$/);
  });

  it('answers 404 to an incident route for a window, and to a window route for an incident', async () => {
    const window = (await local.api.call('POST', '/v1/maintenances', { title: 'T', message: 'M', components: ['chat'], scheduledFor: at(10), scheduledUntil: at(20) })).json.id as string;
    expect((await local.api.get(`/v1/incidents/${window}`)).status).toBe(404);
    expect((await local.api.update(window, { status: 'identified', message: 'x' })).status).toBe(404);
    const incident = (await local.api.declare({ title: 'Errors', impact: 'minor', message: 'Looking.' })).json.id as string;
    expect((await local.api.get(`/v1/maintenances/${incident}`)).status).toBe(404);
    const incidents = (await local.api.get('/v1/incidents?state=all&limit=100')).json.items as { id: string }[];
    expect(incidents.map((item) => item.id)).not.toContain(window);
  });

  it('refuses a window in the past, or ending before it starts, with 400 and stores nothing', async () => {
    const before = (await local.api.get('/v1/maintenances?state=upcoming&limit=100')).json.items.length;
    const past = await local.api.call('POST', '/v1/maintenances', { title: 'T', message: 'M', components: ['chat'], scheduledFor: at(-1), scheduledUntil: at(20) });
    expect(past.status).toBe(400);
    expect(past.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(past.json.errors).toEqual([expect.objectContaining({ path: 'scheduledFor' })]);
    const backwards = await local.api.call('POST', '/v1/maintenances', { title: 'T', message: 'M', components: ['chat'], scheduledFor: at(20), scheduledUntil: at(10) });
    expect(backwards.status).toBe(400);
    expect((await local.api.get('/v1/maintenances?state=upcoming&limit=100')).json.items.length).toBe(before);
  });
});
