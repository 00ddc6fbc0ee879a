import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aDeclaration } from '../support/builders.js';
import { aLocalRuntimeWith } from '../support/local-runtime-with.js';
import { mailsIn } from '../support/outbox.js';
import type { ParsedMail } from '../support/outbox.js';
import { subscribeAndConfirm } from '../support/subscribe-and-confirm.js';

// The email channel through the local runtime over HTTP, as a customer and a commander use it:
// subscribe, confirm, incident mail per recipient (.eml files parsed by a real MIME parser),
// one-click unsubscribe, preferences, and SES's bounce simulator.

let local: Awaited<ReturnType<typeof aLocalRuntimeWith>>;

beforeAll(async () => {
  local = await aLocalRuntimeWith();
});

afterAll(async () => {
  await local?.runtime.stop();
});

const settled = async () => expect(await local.runtime.pipeline.settled()).toBe(true);
const mailsTo = async (address: string) => (await mailsIn(local.outboxDir)).filter((mail) => mail.to === address);
/** Mail about one incident (the outbox writes SES's tags as `X-Ses-Tag-…` headers). */
const incidentMailsTo = async (address: string, incidentId: string) =>
  (await mailsTo(address)).filter((mail) => new RegExp(`^X-Ses-Tag-IncidentId:\\s*${incidentId}\\s*$`, 'im').test(mail.rawHeaders));
const listUnsubscribe = (mail: ParsedMail) => /^List-Unsubscribe:\s*<([^>]+)>/im.exec(mail.rawHeaders)?.[1];

describe('subscribing', () => {
  it('mails the confirmation in the subscriber’s own language, from the configured sender, and confirms on the link', async () => {
    const confirmation = await subscribeAndConfirm(local, 'sari@example.com', { locale: 'id' });
    expect(confirmation.subject).toMatch(/Konfirmasi langganan/);
    expect(confirmation.text).toMatch(/konfirmasi/i);
    expect(confirmation.contentType).toBe('multipart/alternative');
    expect(confirmation.from).toMatch(/Nimbus Chat/);
    const subscribers = (await local.api.get('/v1/subscribers?limit=1000')).json.items as { email: string; locale: string; state: string }[];
    expect(subscribers.find((subscriber) => subscriber.email === 'sari@example.com')).toMatchObject({ locale: 'id', state: 'confirmed' });
  });

  it('answers 202 to a second subscribe with other preferences and changes nothing', async () => {
    await subscribeAndConfirm(local, 'steady@example.com', { locale: 'en' });
    const before = (await mailsTo('steady@example.com')).length;
    const again = await local.api.call('POST', '/v1/subscriptions', { email: 'steady@example.com', locale: 'id', components: ['api'] });
    expect(again.status).toBe(202);
    expect(again.json).toEqual({ status: 'pending-confirmation' });
    await settled();
    const subscribers = (await local.api.get('/v1/subscribers?limit=1000')).json.items as { email: string; locale: string; components: string[]; state: string }[];
    expect(subscribers.find((subscriber) => subscriber.email === 'steady@example.com')).toMatchObject({ locale: 'en', components: [], state: 'confirmed' });
    // At most the "you are already subscribed" notice, which changes nothing either.
    expect((await mailsTo('steady@example.com')).length - before).toBeLessThanOrEqual(1);
  });
});

describe('incident mail', () => {
  it('goes once per update to each confirmed subscriber it concerns, never to pending, unsubscribed or suppressed ones', async () => {
    await subscribeAndConfirm(local, 'all-en@example.com', { locale: 'en' });
    await subscribeAndConfirm(local, 'all-id@example.com', { locale: 'id', timeZone: 'Asia/Jakarta' });
    await subscribeAndConfirm(local, 'chat-only@example.com', { locale: 'en', components: ['chat'] });
    await subscribeAndConfirm(local, 'api-only@example.com', { locale: 'en', components: ['api'] });
    await subscribeAndConfirm(local, 'gone@example.com', { locale: 'en' });
    await local.api.call('POST', '/v1/subscriptions', { email: 'never-confirmed@example.com' });
    // The reader who leaves does so from the first incident mail it gets.
    const before = (await local.api.declare(aDeclaration({ impact: 'minor', components: [] }))).json.id as string;
    await settled();
    const [gone] = await incidentMailsTo('gone@example.com', before);
    expect((await fetch(listUnsubscribe(gone!)!, { method: 'POST' })).status).toBe(200);

    const chatIncident = (await local.api.declare(aDeclaration({ impact: 'minor', components: [{ id: 'chat', status: 'partial_outage' }] }))).json.id as string;
    await local.api.update(chatIncident, { status: 'identified', message: 'Found it.' });
    await local.api.update(chatIncident, { status: 'resolved', message: 'Fixed.' });
    const everywhereIncident = (await local.api.declare(aDeclaration({ impact: 'minor', components: [] }))).json.id as string;
    await settled();

    for (const address of ['all-en@example.com', 'all-id@example.com', 'chat-only@example.com']) expect(await incidentMailsTo(address, chatIncident), address).toHaveLength(3);
    for (const address of ['api-only@example.com', 'gone@example.com', 'never-confirmed@example.com']) expect(await incidentMailsTo(address, chatIncident), address).toHaveLength(0);
    // An incident that names no component reaches everybody, components or not.
    for (const address of ['all-en@example.com', 'all-id@example.com', 'chat-only@example.com', 'api-only@example.com']) expect(await incidentMailsTo(address, everywhereIncident), address).toHaveLength(1);
    for (const address of ['gone@example.com', 'never-confirmed@example.com']) expect(await incidentMailsTo(address, everywhereIncident), address).toHaveLength(0);

    const deliveries = (await local.api.get(`/v1/incidents/${chatIncident}/deliveries`)).json.items as { channel: string; state: string; recipients?: { planned: number; sent: number; failed: number } }[];
    const email = deliveries.filter((row) => row.channel === 'email');
    expect(email).toHaveLength(3 * 2);
    for (const row of email) {
      expect(row.state).toBe('sent');
      expect(row.recipients!.sent).toBe(row.recipients!.planned);
      expect(row.recipients!.failed).toBe(0);
    }
  });

  it('is multipart text and HTML in the reader’s language and time zone, with both RFC 8058 headers and the reader’s own links', async () => {
    const declared = (await local.api.declare(aDeclaration({ impact: 'minor', components: [] }))).json.id as string;
    await settled();
    const [indonesian] = await incidentMailsTo('all-id@example.com', declared);
    const [english] = await incidentMailsTo('all-en@example.com', declared);
    for (const mail of [indonesian!, english!]) {
      expect(mail.contentType).toBe('multipart/alternative');
      expect(mail.html).toMatch(/<html lang="(en|id)"/);
      expect(mail.from).toMatch(/Nimbus Chat/);
      expect(/^List-Unsubscribe-Post:\s*List-Unsubscribe=One-Click\s*$/im.test(mail.rawHeaders)).toBe(true);
      expect(listUnsubscribe(mail)).toMatch(/\/v1\/subscriptions\/unsubscribe\?token=sub_/);
      expect(mail.text).toContain(listUnsubscribe(mail)!);
    }
    expect(indonesian!.subject).toMatch(/Gangguan layanan/);
    expect(indonesian!.text).toMatch(/WIB/);
    expect(english!.text).toMatch(/UTC/);
    expect(listUnsubscribe(indonesian!)).not.toBe(listUnsubscribe(english!));
  });

  it('a GET of the unsubscribe link only shows a page; the one-click POST unsubscribes', async () => {
    await subscribeAndConfirm(local, 'clicker@example.com', { locale: 'en' });
    const first = (await local.api.declare(aDeclaration({ impact: 'minor', components: [] }))).json.id as string;
    await settled();
    const [mail] = await incidentMailsTo('clicker@example.com', first);
    const link = listUnsubscribe(mail!)!;

    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/<form[^>]+method="post"/i);
    const second = (await local.api.declare(aDeclaration({ impact: 'minor', components: [] }))).json.id as string;
    await settled();
    expect(await incidentMailsTo('clicker@example.com', second)).toHaveLength(1);

    const oneClick = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(oneClick.status).toBe(200);
    const third = (await local.api.declare(aDeclaration({ impact: 'minor', components: [] }))).json.id as string;
    await settled();
    expect(await incidentMailsTo('clicker@example.com', third)).toHaveLength(0);
  });

  it('a preferences change shows in the next mail', async () => {
    await subscribeAndConfirm(local, 'mover@example.com', { locale: 'en' });
    const before = (await local.api.declare(aDeclaration({ impact: 'minor', components: [] }))).json.id as string;
    await settled();
    const [english] = await incidentMailsTo('mover@example.com', before);
    const token = new URL(listUnsubscribe(english!)!).searchParams.get('token')!;
    const changed = await fetch(`${local.runtime.url}/v1/subscriptions/preferences?token=${encodeURIComponent(token)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ locale: 'id', timeZone: 'Asia/Jakarta' }),
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ locale: 'id', timeZone: 'Asia/Jakarta' });

    const after = (await local.api.declare(aDeclaration({ impact: 'minor', components: [] }))).json.id as string;
    await settled();
    const [indonesian] = await incidentMailsTo('mover@example.com', after);
    expect(english!.subject).not.toMatch(/Gangguan layanan/);
    expect(indonesian!.subject).toMatch(/Gangguan layanan/);
    expect(indonesian!.text).toMatch(/WIB/);
  });
});

describe('bounces', () => {
  it('a hard-bouncing address becomes suppressed and is sent nothing more', async () => {
    const imported = await local.api.call('POST', '/v1/subscribers/import', { subscribers: [{ email: 'bounce@simulator.amazonses.com' }, { email: 'success@simulator.amazonses.com' }], confirmed: true });
    expect(imported.json).toMatchObject({ imported: 2, invalid: [] });
    const first = (await local.api.declare(aDeclaration({ impact: 'minor', components: [] }))).json.id as string;
    await settled();
    expect(await incidentMailsTo('bounce@simulator.amazonses.com', first)).toHaveLength(1);
    const subscribers = (await local.api.get('/v1/subscribers?limit=1000')).json.items as { email: string; state: string; reason?: string }[];
    expect(subscribers.find((subscriber) => subscriber.email === 'bounce@simulator.amazonses.com')).toMatchObject({ state: 'suppressed', reason: 'bounced' });

    const second = (await local.api.declare(aDeclaration({ impact: 'minor', components: [] }))).json.id as string;
    await settled();
    expect(await incidentMailsTo('bounce@simulator.amazonses.com', second)).toHaveLength(0);
    expect(await incidentMailsTo('success@simulator.amazonses.com', second)).toHaveLength(1);
    // Subscribing again changes nothing for a suppressed address: no confirmation, no mail at all.
    const before = (await mailsTo('bounce@simulator.amazonses.com')).length;
    expect((await local.api.call('POST', '/v1/subscriptions', { email: 'bounce@simulator.amazonses.com' })).status).toBe(202);
    await settled();
    expect(await mailsTo('bounce@simulator.amazonses.com')).toHaveLength(before);
  });
});

describe('a fresh deployment whose first writes are an import', () => {
  it('mails the imported list on the first declaration (the stream is read past writes to the recipient table)', async () => {
    const fresh = await aLocalRuntimeWith();
    try {
      const imported = await fresh.api.call('POST', '/v1/subscribers/import', { subscribers: [{ email: 'first-en@example.com' }, { email: 'first-id@example.com', locale: 'id' }], confirmed: true });
      expect(imported.json).toMatchObject({ imported: 2, invalid: [] });
      const incidentId = (await fresh.api.declare(aDeclaration({ impact: 'minor', components: [] }))).json.id as string;
      expect(await fresh.runtime.pipeline.settled()).toBe(true);
      const mails = (await mailsIn(fresh.outboxDir)).filter((mail) => new RegExp(`^X-Ses-Tag-IncidentId:\\s*${incidentId}\\s*$`, 'im').test(mail.rawHeaders));
      expect(mails.map((mail) => mail.to).sort()).toEqual(['first-en@example.com', 'first-id@example.com']);
    } finally {
      await fresh.runtime.stop();
    }
  });
});
