import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aDeclaration, aPostmortemBody } from '../support/builders.js';
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

interface DeliveryRow {
  seq: number;
  channel: string;
  locale: string;
  state: string;
}

describe('a commander publishes a postmortem through the local runtime', () => {
  it('declare → resolve → postmortem: exactly one delivery per channel and locale; a revision sends nothing', async () => {
    const { api, runtime, outboxDir } = local;
    await subscribeAndConfirm(local, 'ana@example.com', { locale: 'id' });
    await subscribeAndConfirm(local, 'ben@example.com', { locale: 'en' });

    const id = (await api.declare(aDeclaration({ impact: 'major', title: 'Chat, API and video generation unavailable' }))).json.id as string;
    const resolved = await api.update(id, { status: 'resolved', message: 'Everything is working normally again.' });
    expect(resolved.status).toBe(201);
    expect(await runtime.pipeline.settled()).toBe(true);
    const mailsBefore = (await mailsIn(outboxDir)).length;
    const postsBefore = xPostsIn(outboxDir).filter((post) => post.incidentId === id);

    const published = await api.publishPostmortem(id, aPostmortemBody(), { 'if-match': resolved.headers.get('etag')! });
    expect(published.status).toBe(200);
    expect(published.headers.get('etag')).toBe('"3"');
    expect(published.json).toMatchObject({ status: 'resolved', version: 3, postmortem: { body: aPostmortemBody()['body'] } });
    expect(published.json.updates.map((update: { kind: string }) => update.kind)).toEqual(['apology', 'recovery', 'postmortem']);
    expect(await runtime.pipeline.settled()).toBe(true);

    // The ledger: one row per channel and locale it sends in (X posts in English only), all sent.
    const deliveries = (await api.get(`/v1/incidents/${id}/deliveries`)).json.items as DeliveryRow[];
    const ofPostmortem = deliveries.filter((row) => row.seq === 3);
    expect(ofPostmortem.map((row) => `${row.channel}:${row.locale}:${row.state}`).sort()).toEqual(
      ['email:en:sent', 'email:id:sent', 'inapp:en:sent', 'inapp:id:sent', 'webhook:en:sent', 'webhook:id:sent', 'x:en:sent'],
    );

    // Email: one .eml per subscriber, in the reader's language, with the whole postmortem and the link.
    const mails = (await mailsIn(outboxDir)).slice(mailsBefore);
    expect(mails.map((mail) => mail.to).sort()).toEqual(['ana@example.com', 'ben@example.com']);
    const ana = mails.find((mail) => mail.to === 'ana@example.com')!;
    expect(ana.subject).toBe('[Nimbus Chat] Laporan pascainsiden: Chat, API and video generation unavailable');
    expect(ana.text).toContain('Langkah perbaikan kami: layanan untuk seluruh klaster kini dipasang bertahap per wilayah.');
    expect(ana.text).toContain('https://status.nimbus.example');
    const ben = mails.find((mail) => mail.to === 'ben@example.com')!;
    expect(ben.subject).toBe('[Nimbus Chat] Postmortem: Chat, API and video generation unavailable');

    // X: one line in x.jsonl, in the incident's thread, under the recovery's post.
    const posts = xPostsIn(outboxDir).filter((post) => post.incidentId === id);
    expect(posts).toHaveLength(postsBefore.length + 1);
    const post = posts.at(-1)!;
    expect(post.text).toBe('We\'ve published our postmortem of "Chat, API and video generation unavailable": what went wrong and what we\'re changing. https://status.nimbus.example');
    expect(post.inReplyTo).toBe(postsBefore.at(-1)!.id);

    // In-app: one feed item of kind postmortem per locale, and the Atom entry.
    for (const locale of ['en', 'id']) {
      const feed = (await api.get(`/v1/feed?locale=${locale}`)).json.items as { incidentId: string; kind: string; title: string }[];
      expect(feed.filter((item) => item.incidentId === id).map((item) => item.kind)).toEqual(['apology', 'recovery', 'postmortem']);
    }
    const atom = await api.get('/v1/feed.atom?locale=id');
    expect(atom.text).toContain('<category term="postmortem"/>');
    expect(atom.text).toContain('Laporan pascainsiden: Chat, API and video generation unavailable');

    // A revision with the default notify: stored and shown, sent nowhere.
    const revised = await api.publishPostmortem(id, { body: 'Corrected: the rollout reached every region at once.' });
    expect(revised.status).toBe(200);
    expect(revised.json.postmortem).toMatchObject({ body: { en: 'Corrected: the rollout reached every region at once.' }, revisedAt: expect.any(String) });
    expect(revised.json.updates.at(-1)).toMatchObject({ seq: 4, kind: 'postmortem', notify: false });
    expect(await runtime.pipeline.settled()).toBe(true);
    expect(((await api.get(`/v1/incidents/${id}/deliveries`)).json.items as DeliveryRow[]).filter((row) => row.seq === 4)).toEqual([]);
    expect((await mailsIn(outboxDir)).slice(mailsBefore)).toHaveLength(2);
    expect(xPostsIn(outboxDir).filter((each) => each.incidentId === id)).toHaveLength(posts.length);
    const feedAfter = (await api.get('/v1/feed?locale=en')).json.items as { incidentId: string }[];
    expect(feedAfter.filter((item) => item.incidentId === id)).toHaveLength(3);

    // The public read shows the revised postmortem.
    const read = await api.get(`/v1/incidents/${id}`);
    expect(read.json.postmortem.body.id).toBe('Corrected: the rollout reached every region at once.');
  });

  it('refuses a postmortem for an open incident (409) and for an unknown one (404)', async () => {
    const { api } = local;
    const open = (await api.declare(aDeclaration({ impact: 'minor' }))).json.id as string;
    const conflict = await api.publishPostmortem(open, aPostmortemBody());
    expect(conflict.status).toBe(409);
    expect(conflict.json.type).toMatch(/incident-open$/);
    expect((await api.get(`/v1/incidents/${open}`)).json).toMatchObject({ version: 1 });
    const unknown = await api.publishPostmortem('inc_01JF3Z00000000000000000000', aPostmortemBody());
    expect(unknown.status).toBe(404);
  });

  it('previews the postmortem through the local runtime without storing it', async () => {
    const { api } = local;
    const id = (await api.declare(aDeclaration({ impact: 'minor' }))).json.id as string;
    await api.update(id, { status: 'resolved', message: 'Fixed.' });
    const preview = await api.call('POST', `/v1/incidents/${id}/preview`, { postmortem: aPostmortemBody()['body'] });
    expect(preview.status).toBe(200);
    expect(preview.json.messages.map((message: { kind: string }) => message.kind)).toEqual(Array(7).fill('postmortem'));
    expect((await api.get(`/v1/incidents/${id}`)).json).toMatchObject({ version: 2 });
  });
});
