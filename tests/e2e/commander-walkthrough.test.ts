import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aDeclaration } from '../support/builders.js';
import { aLocalRuntime } from '../support/local-runtime.js';
import { mailsIn, xPostsIn } from '../support/outbox.js';
import { subscribeAndConfirm } from '../support/subscribe-and-confirm.js';

let local: Awaited<ReturnType<typeof aLocalRuntime>>;

beforeAll(async () => {
  local = await aLocalRuntime();
});

afterAll(async () => {
  await local?.runtime.stop();
});

const confirmedSubscriber = (email: string, locale: string) => subscribeAndConfirm(local, email, { locale });

describe('a commander walks an incident through the local runtime', () => {
  it('declare → update → resolve, with every channel delivered once in every locale', async () => {
    const { api, runtime, outboxDir } = local;
    await confirmedSubscriber('ana@example.com', 'id');
    await confirmedSubscriber('ben@example.com', 'en');
    const mailsBefore = (await mailsIn(outboxDir)).length;

    const declared = await api.declare(aDeclaration({ impact: 'critical' }));
    expect(declared.status).toBe(201);
    expect(declared.headers.get('location')).toBe(`/v1/incidents/${declared.json.id}`);
    const id = declared.json.id as string;

    const identified = await api.update(id, { status: 'identified', message: 'A configuration change overloaded the servers; rolling back.' }, { 'if-match': declared.headers.get('etag')! });
    expect(identified.status).toBe(201);
    expect(identified.headers.get('etag')).toBe('"2"');

    // Readers get the published snapshot, as from the CDN: it shows the change once the pipeline has run.
    expect(await runtime.pipeline.settled()).toBe(true);
    const status = await api.get('/v1/status');
    expect(status.json.status).toBe('major_outage');

    const resolved = await api.update(id, { status: 'resolved', message: 'Chat, the API and video generation are working normally again.' });
    expect(resolved.status).toBe(201);
    expect(resolved.json).toMatchObject({ status: 'resolved', version: 3 });
    expect(resolved.json.components.every((component: { status: string }) => component.status === 'operational')).toBe(true);
    expect(resolved.json.updates.map((update: { kind: string }) => update.kind)).toEqual(['apology', 'update', 'recovery']);

    expect(await runtime.pipeline.settled()).toBe(true);
    const deliveries = (await api.get(`/v1/incidents/${id}/deliveries`)).json.items as { channel: string; locale: string; state: string; seq: number }[];
    // Email, in-app and webhooks in both locales, X in English.
    expect(deliveries).toHaveLength(3 * 7);
    expect(deliveries.filter((row) => row.state !== 'sent')).toEqual([]);

    const posts = xPostsIn(outboxDir).filter((post) => post.incidentId === id);
    expect(posts).toHaveLength(3);
    expect(posts[0]!.inReplyTo).toBeNull();
    expect(posts[1]!.inReplyTo).toBe(posts[0]!.id);
    expect(posts[2]!.inReplyTo).toBe(posts[1]!.id);

    const feed = (await api.get('/v1/feed?locale=id')).json.items as { incidentId: string; kind: string }[];
    expect(feed.filter((item) => item.incidentId === id).map((item) => item.kind)).toEqual(['apology', 'update', 'recovery']);

    const incidentMails = (await mailsIn(outboxDir)).slice(mailsBefore);
    expect(incidentMails.filter((mail) => mail.to === 'ana@example.com')).toHaveLength(3);
    expect(incidentMails.filter((mail) => mail.to === 'ben@example.com')).toHaveLength(3);
    expect(incidentMails.every((mail) => /\/v1\/subscriptions\/unsubscribe\?token=/.test(mail.text))).toBe(true);
  });

  it('only confirmed addresses get incident mail, and unsubscribing stops it', async () => {
    const { api, runtime, outboxDir } = local;
    await api.call('POST', '/v1/subscriptions', { email: 'unconfirmed@example.com' });
    await confirmedSubscriber('leaving@example.com', 'en');
    const id = (await api.declare(aDeclaration({ impact: 'minor' }))).json.id;
    await runtime.pipeline.settled();
    const mails = await mailsIn(outboxDir);
    // The confirmation only: a pending address gets no incident mail.
    expect(mails.filter((mail) => mail.to === 'unconfirmed@example.com')).toHaveLength(1);
    const incidentMail = mails.filter((mail) => mail.to === 'leaving@example.com').at(-1)!;
    const unsubscribe = /^List-Unsubscribe:\s*<([^>]+)>/im.exec(incidentMail.rawHeaders)![1]!;
    expect((await fetch(unsubscribe, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(200);

    const count = (await mailsIn(outboxDir)).filter((mail) => mail.to === 'leaving@example.com').length;
    await api.update(id, { status: 'resolved', message: 'Fixed.' });
    await runtime.pipeline.settled();
    expect((await mailsIn(outboxDir)).filter((mail) => mail.to === 'leaving@example.com')).toHaveLength(count);
  });

  it('a confirm link is single-purpose: it cannot unsubscribe, and a made-up token does nothing', async () => {
    expect((await fetch(`${local.runtime.url}/v1/subscriptions/unsubscribe?token=${'a'.repeat(43)}`)).status).toBe(404);
  });

  it('serves the status from the published snapshot: 304 while nothing changed, the new status one pipeline pass after an update', async () => {
    const { api, runtime } = local;
    expect(await runtime.pipeline.settled()).toBe(true);
    const first = await api.get('/v1/status');
    const tag = first.headers.get('etag')!;
    const unchanged = await api.call('GET', '/v1/status', undefined, { 'if-none-match': tag });
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe('');

    const declared = await api.declare(aDeclaration({ impact: 'major', title: 'Conditional reads see this' }));
    expect(await runtime.pipeline.settled()).toBe(true);
    const published = runtime.pipeline.statusSite.find('v1/status')!;
    const changed = await api.call('GET', '/v1/status', undefined, { 'if-none-match': tag });
    expect(changed.status).toBe(200);
    expect(changed.json.incidents.map((incident: { id: string }) => incident.id)).toContain(declared.json.id);
    const current = changed.headers.get('etag')!;
    expect(current).not.toBe(tag);
    // What the local server sent is the snapshot object itself, as written to the status site's folder.
    expect(current).toBe(published.etag);
    expect(changed.text).toBe(published.body.toString());
    expect(readFileSync(join(runtime.outboxDir, 'status-site', 'v1', 'status'), 'utf8')).toBe(changed.text);
    expect(changed.headers.get('cache-control')).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+, stale-if-error=86400$/);
    expect((await api.call('GET', '/v1/status', undefined, { 'if-none-match': current })).status).toBe(304);
    // As the CDN's cache key: a query string or a dot segment names the same object; HEAD sends no body.
    for (const path of ['/v1/status?cache=bust', '/v1/./status']) {
      const same = await api.get(path);
      expect(same.headers.get('etag'), path).toBe(current);
      expect(same.headers.get('access-control-allow-origin'), path).toBe('*');
    }
    const head = await api.call('HEAD', '/v1/status');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    await api.update(declared.json.id, { status: 'resolved', message: 'Fixed.' });
  });

  it('publishes the open incidents with their timelines and each locale’s newest feed items as static objects', async () => {
    const { api, runtime } = local;
    const declared = await api.declare(aDeclaration({ impact: 'major', title: 'Published for readers' }));
    await api.update(declared.json.id, { status: 'identified', message: 'Found it.' });
    expect(await runtime.pipeline.settled()).toBe(true);

    const open = await fetch(`${runtime.url}/snapshot/incidents-open.json`);
    expect(open.status).toBe(200);
    expect(open.headers.get('access-control-allow-origin')).toBe('*');
    const incident = ((await open.json()) as { items: { id: string; version: number; updates: { seq: number }[] }[] }).items.find((item) => item.id === declared.json.id);
    expect(incident?.version).toBe(2);
    expect(incident?.updates.map((update) => update.seq)).toEqual([1, 2]);

    const feed = (await (await fetch(`${runtime.url}/snapshot/feed-id.json`)).json()) as { items: { incidentId: string; locale: string; createdAt: string }[] };
    const ours = feed.items.filter((item) => item.incidentId === declared.json.id);
    expect(ours).toHaveLength(2);
    expect(feed.items.every((item) => item.locale === 'id')).toBe(true);
    // Newest first. The feed is ordered by when each item was written: across incidents (the other
    // tests' too) two items a few milliseconds apart can be written in either order, within one
    // incident never out of its updates' order.
    expect(ours.map((item) => item.createdAt)).toEqual(ours.map((item) => item.createdAt).sort().reverse());
    expect((await fetch(`${runtime.url}/snapshot/nothing.json`)).status).toBe(404);
    await api.update(declared.json.id, { status: 'resolved', message: 'Fixed.' });
  });

  it('serves the status page with a policy that forbids inline script', async () => {
    const page = await fetch(`${local.runtime.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

describe('the local status site', () => {
  it('serves nothing outside web/', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fincident-comms.config.json']) {
      const response = await fetch(`${local.runtime.url}${path}`);
      expect(response.status).toBe(404);
    }
  });
});
