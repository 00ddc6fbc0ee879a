import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aDeclaration } from '../support/builders.js';
import { aLocalRuntimeWith } from '../support/local-runtime-with.js';
import { mailsIn } from '../support/outbox.js';
import { subscribeAndConfirm } from '../support/subscribe-and-confirm.js';

// "Next update by" promises through the whole local runtime, on a clock the test holds: the
// promise in every message in the reader's zone and language, the runtime's timer engine reminding
// the commanders in commanders.jsonl once per missed promise, the incident overdue until the next
// update. No real waiting: the clock is moved and the timers ticked.

let now = Date.parse('2031-03-03T03:00:00.000Z');
const clock = () => new Date(now);
const minutes = (count: number) => (now += count * 60_000);
let local: Awaited<ReturnType<typeof aLocalRuntimeWith>>;

beforeAll(async () => {
  local = await aLocalRuntimeWith({ clock });
});

afterAll(async () => {
  await local?.runtime.stop();
});

const settled = async () => expect(await local.runtime.pipeline.settled()).toBe(true);
const reminders = () => {
  const file = join(local.outboxDir, 'commanders.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { incidentId: string; version: number; nextUpdateBy: string });
};
const xPosts = () => readFileSync(join(local.outboxDir, 'x.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { incidentId: string; locale: string; text: string });
const incident = async (id: string) => {
  const answer = await local.api.get(`/v1/incidents/${id}`);
  return { ...(answer.json as { version: number; nextUpdateBy: string | null; overdue: boolean }), etag: answer.headers.get('etag') };
};

describe('a critical incident with the default cadence', () => {
  let id: string;

  it('promises the next update in 30 minutes, in every message, in each reader’s zone and language', async () => {
    await subscribeAndConfirm(local, 'ana@example.com', { locale: 'en' });
    await subscribeAndConfirm(local, 'sari@example.com', { locale: 'id', timeZone: 'Asia/Jakarta' });
    const declared = await local.api.declare(aDeclaration({ impact: 'critical' }));
    expect(declared.status).toBe(201);
    id = declared.json.id as string;
    expect(declared.json).toMatchObject({ nextUpdateBy: '2031-03-03T03:30:00.000Z', overdue: false });
    await settled();
    const mailTo = async (address: string) => (await mailsIn(local.outboxDir)).filter((mail) => mail.to === address && mail.rawHeaders.includes(id)).at(-1)!;
    expect((await mailTo('ana@example.com')).text).toContain("We'll post the next update by 3:30 AM UTC on our status page:");
    // 03:30 UTC is 10.30 in Jakarta (WIB).
    expect((await mailTo('sari@example.com')).text).toContain('Informasi terbaru berikutnya akan kami sampaikan paling lambat pukul 10.30 WIB melalui halaman status:');
    expect(xPosts().find((post) => post.incidentId === id)?.text).toContain('Next update by 3:30 AM UTC.');
    const feed = (await local.api.get('/v1/feed?locale=id&limit=100')).json.items as { incidentId: string; body: string }[];
    expect(feed.find((item) => item.incidentId === id)?.body).toContain('Info berikutnya paling lambat pukul 10.30 WIB.');
    expect(local.runtime.pipeline.timers.pending()).toContainEqual({ name: `promise-${id}`, dueAt: '2031-03-03T03:30:00.000Z', target: { kind: 'promise-due', incidentId: id, version: 1 } });
  });

  it('reminds the commanders exactly once when the promise passes, and shows the incident overdue', async () => {
    minutes(29);
    await local.runtime.pipeline.timers.tick();
    expect(reminders()).toEqual([]);
    expect((await incident(id)).overdue).toBe(false);

    minutes(2);
    await local.runtime.pipeline.timers.tick();
    await local.runtime.pipeline.timers.tick();
    expect(reminders()).toEqual([expect.objectContaining({ incidentId: id, version: 1, nextUpdateBy: '2031-03-03T03:30:00.000Z' })]);
    const overdue = await incident(id);
    expect(overdue).toMatchObject({ overdue: true, version: 1 });
    // The answer changed without a new version: its ETag says so, and If-Match still reads the version.
    expect(overdue.etag).toBe('"1+overdue"');
  });

  it('sends nothing more for a timer delivered twice', async () => {
    await local.runtime.pipeline.timers.set({ name: `promise-${id}`, dueAt: '2031-03-03T03:30:00.000Z', target: { kind: 'promise-due', incidentId: id, version: 1 } });
    await local.runtime.pipeline.timers.tick();
    expect(reminders()).toHaveLength(1);
  });

  it('is cleared by the next update, which sets the next promise and moves the timer', async () => {
    const updated = await local.api.update(id, { status: 'identified', message: 'Found the cause.' }, { 'if-match': '"1+overdue"' });
    expect(updated.status).toBe(201);
    expect(updated.json).toMatchObject({ version: 2, overdue: false, nextUpdateBy: '2031-03-03T04:01:00.000Z' });
    expect(updated.headers.get('etag')).toBe('"2"');
    await settled();
    expect(local.runtime.pipeline.timers.pending()).toContainEqual({ name: `promise-${id}`, dueAt: '2031-03-03T04:01:00.000Z', target: { kind: 'promise-due', incidentId: id, version: 2 } });
    minutes(31);
    await local.runtime.pipeline.timers.tick();
    expect(reminders().map((reminder) => reminder.version)).toEqual([1, 2]);
  });

  it('promises nothing once resolved: the timer is cleared and no reminder follows', async () => {
    const resolved = await local.api.update(id, { status: 'resolved', message: 'Fixed.' });
    expect(resolved.json).toMatchObject({ nextUpdateBy: null, overdue: false });
    await settled();
    expect(local.runtime.pipeline.timers.pending().map((timer) => timer.name)).not.toContain(`promise-${id}`);
    minutes(600);
    await local.runtime.pipeline.timers.tick();
    expect(reminders()).toHaveLength(2);
  });
});

describe('a restarted runtime', () => {
  it('rebuilds the timers of open incidents and maintenance windows from the stored due times', async () => {
    const declared = await local.api.declare(aDeclaration({ impact: 'major', nextUpdateInMinutes: 15 }));
    const id = declared.json.id as string;
    const scheduledFor = new Date(now + 120 * 60_000).toISOString();
    const window = (await local.api.call('POST', '/v1/maintenances', { title: 'Upgrade', message: 'Work.', components: ['chat'], scheduledFor, scheduledUntil: new Date(now + 180 * 60_000).toISOString() })).json.id as string;
    await settled();
    const { LocalTimers } = await import('../../local/pipeline/local-timers.js');
    const fresh = new LocalTimers({ fire: async () => {}, clock, log: () => {} });
    await fresh.restore(local.runtime.stores.incidents);
    expect(fresh.pending()).toContainEqual({ name: `promise-${id}`, dueAt: new Date(now + 15 * 60_000).toISOString(), target: { kind: 'promise-due', incidentId: id, version: 1 } });
    expect(fresh.pending()).toContainEqual({ name: `maintenance-start-${window}`, dueAt: scheduledFor, target: { kind: 'maintenance-start', maintenanceId: window, version: 1 } });
    expect(fresh.pending().map((timer) => timer.name)).toContain(`maintenance-reminder-${window}`);
  });
});
