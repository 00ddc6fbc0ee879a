import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../lambdas/core/messages/format-duration.js';
import { formatInstant } from '../../../lambdas/core/messages/format-instant.js';
import { renderEmail } from '../../../lambdas/core/messages/render-email.js';
import { renderInApp } from '../../../lambdas/core/messages/render-inapp.js';
import { countCodePoints } from '../../../lambdas/core/validation/code-point-string.js';
import { aConfig, aContext, anUpdate, theDecemberOutage } from './builders.js';

const minutes = 60_000;

describe('durations and times read as each language writes them', () => {
  it('says how long the outage lasted in hours and minutes', () => {
    expect(formatDuration(250 * minutes, 'en', 'less than a minute')).toBe('4 hours 10 minutes');
    expect(formatDuration(250 * minutes, 'id', 'kurang dari satu menit')).toBe('4 jam 10 menit');
  });

  it('uses the singular, days, and a phrase for under a minute', () => {
    expect(formatDuration(61 * minutes, 'en', 'x')).toBe('1 hour 1 minute');
    expect(formatDuration((26 * 60 + 5) * minutes, 'en', 'x')).toBe('1 day 2 hours 5 minutes');
    expect(formatDuration(20_000, 'id', 'kurang dari satu menit')).toBe('kurang dari satu menit');
  });

  it('shows Indonesian times in WIB and English ones in UTC, with the zone named', () => {
    expect(formatInstant('2024-12-11T23:16:00.000Z', 'id', 'Asia/Jakarta')).toBe('12 Desember 2024 pukul 06.16 WIB');
    expect(formatInstant('2024-12-11T23:16:00.000Z', 'en', 'UTC')).toBe('December 11, 2024 at 11:16 PM UTC');
  });

  it('falls back to UTC for a locale with no configured time zone', () => {
    const config = aConfig({ timeZones: {} });
    expect(renderEmail(aContext(anUpdate(), 'id', config)).text).toContain('11 Desember 2024 pukul 23.16 UTC');
  });

  it('writes a locale without shipped texts in English rather than failing', () => {
    const config = aConfig({ locales: ['en', 'id', 'pt-BR'] });
    const update = anUpdate({ message: { en: 'Adding capacity.', id: 'Menambah kapasitas.', 'pt-BR': 'Adicionando capacidade.' } });
    const item = renderInApp(aContext(update, 'pt-BR', config));
    expect(item.text).toContain('Nimbus Chat is having a major outage.');
    expect(item.text).toContain('Adicionando capacidade.');
  });
});

describe('email subjects', () => {
  it('keeps the reader\'s language: letters, punctuation, emoji and CJK reach the subject as written', () => {
    const title = 'Pembaruan — “Café” déjà vu 🚀 日本';
    expect(renderEmail(aContext(anUpdate({ incident: { title } }), 'id')).subject).toBe(`[Nimbus Chat] Gangguan layanan: ${title}`);
    const config = aConfig({ serviceName: '雲チャット' });
    expect(renderEmail(aContext(anUpdate({ incident: { title: '全部のサービスが停止' } }), 'en', config)).subject).toBe('[雲チャット] Incident: 全部のサービスが停止');
  });

  it('puts a title with line breaks, tabs and control characters on one clean line', () => {
    const email = renderEmail(aContext(anUpdate({ incident: { title: 'Chat\r\nand\tAPI\u0000 down\u2028again ' } }), 'en'));
    expect(email.subject).toBe('[Nimbus Chat] Incident: Chat and API down again');
  });

  it('shortens a long title at a word with an ellipsis, within 150 code points', () => {
    const title = 'Elevated error rates across chat completions, the Assistants API, fine-tuning jobs, batch inference, video generation, voice mode and the mobile apps';
    const email = renderEmail(aContext(anUpdate({ incident: { title } }), 'en'));
    expect(email.subject).toBe('[Nimbus Chat] Incident: Elevated error rates across chat completions, the Assistants API, fine-tuning jobs, batch inference, video generation, voice…');
    expect(countCodePoints(email.subject)).toBeLessThanOrEqual(150);
  });

  it('counts code points, not UTF-16 units: 150 emoji would be 300 units', () => {
    const email = renderEmail(aContext(anUpdate({ incident: { title: '🔥'.repeat(200) } }), 'id'));
    expect(countCodePoints(email.subject)).toBeLessThanOrEqual(150);
    expect(email.subject.length).toBeGreaterThan(150);
    expect(email.subject).toMatch(/^\[Nimbus Chat\] Gangguan layanan: 🔥+…$/u);
  });

  it('falls back to the catalog\'s subject for the kind when the template leaves nothing', () => {
    const templates = { apology: { email: { en: { subject: '{title}' }, id: { subject: '{title}' } } } };
    const config = aConfig({ templates });
    const update = anUpdate({ incident: { title: '\u0000\u0007' } });
    expect(renderEmail(aContext(update, 'en', config)).subject).toBe('Service incident');
    expect(renderEmail(aContext(update, 'id', config)).subject).toBe('Gangguan layanan');
  });
});

describe('times in the reader\'s time zone', () => {
  const update = theDecemberOutage()['4-recovery']!;

  it('gives a reader in Asia/Jakarta and one in UTC the same update, with times in WIB and in UTC', () => {
    const jakarta = renderEmail({ ...aContext(update, 'id'), timeZone: 'Asia/Jakarta' });
    const utc = renderEmail({ ...aContext(update, 'id'), timeZone: 'UTC' });
    expect(jakarta.text).toContain('sejak 12 Desember 2024 pukul 06.16 WIB hingga 12 Desember 2024 pukul 10.26 WIB');
    expect(jakarta.text).toContain('Pesan ini dikirim pada 12 Desember 2024 pukul 10.26 WIB.');
    expect(utc.text).toContain('sejak 11 Desember 2024 pukul 23.16 UTC hingga 12 Desember 2024 pukul 03.26 UTC');
    expect(utc.text).toContain('Pesan ini dikirim pada 12 Desember 2024 pukul 03.26 UTC.');
    expect(utc.html).toContain('12 Desember 2024 pukul 03.26 UTC');
    expect(utc.html).not.toContain('WIB');
    // Nothing but the times differs.
    const withoutTimes = (text: string) => text.replace(/\d{1,2} Desember 2024 pukul \d{2}\.\d{2} (WIB|UTC)/g, '<time>');
    expect(withoutTimes(jakarta.text)).toBe(withoutTimes(utc.text));
    expect(jakarta.subject).toBe(utc.subject);
  });

  it('writes an English reader\'s times in their zone too, whatever the locale\'s configured zone', () => {
    expect(renderEmail({ ...aContext(update, 'en'), timeZone: 'Asia/Jakarta' }).text).toContain('from December 12, 2024 at 6:16 AM GMT+7 to December 12, 2024 at 10:26 AM GMT+7');
    expect(renderEmail(aContext(update, 'en')).text).toContain('from December 11, 2024 at 11:16 PM UTC to December 12, 2024 at 3:26 AM UTC');
  });

  it('renders reader after reader with one update and one configuration, each in their own zone (the facts are cached per zone)', () => {
    const config = aConfig();
    const sentAt = (timeZone: string) => /Pesan ini dikirim pada (.+)\./.exec(renderEmail({ update, locale: 'id', config, timeZone }).text)?.[1];
    expect(['Asia/Jakarta', 'UTC', 'Asia/Makassar', 'Asia/Jakarta'].map(sentAt)).toEqual([
      '12 Desember 2024 pukul 10.26 WIB',
      '12 Desember 2024 pukul 03.26 UTC',
      '12 Desember 2024 pukul 11.26 WITA',
      '12 Desember 2024 pukul 10.26 WIB',
    ]);
  });

  it('falls back to the locale\'s configured zone for a zone Intl does not know, rather than failing the send', () => {
    expect(renderEmail({ ...aContext(update, 'id'), timeZone: 'Mars/Olympus_Mons' }).text).toBe(renderEmail(aContext(update, 'id')).text);
  });
});

describe('the footer of every incident mail', () => {
  const links = {
    unsubscribe: 'https://status.nimbus.example/v1/subscriptions/unsubscribe?token=mng_ana',
    preferences: 'https://status.nimbus.example/preferences.html?token=mng_ana',
  };

  it('carries the reader\'s own preferences and unsubscribe links, after the sign-off, in the reader\'s language', () => {
    const en = renderEmail({ ...aContext(anUpdate(), 'en'), links });
    expect(en.text).toMatch(
      /This message was sent on .+\.\n\nYou're receiving this email because you subscribed to incident updates from Nimbus Chat\.\nChange your preferences: https:\/\/status\.nimbus\.example\/preferences\.html\?token=mng_ana\nUnsubscribe: https:\/\/status\.nimbus\.example\/v1\/subscriptions\/unsubscribe\?token=mng_ana\n$/,
    );
    const id = renderEmail({ ...aContext(anUpdate(), 'id'), links });
    expect(id.text).toContain(`Ubah preferensi langganan: ${links.preferences}\nBerhenti berlangganan: ${links.unsubscribe}\n`);
    expect(id.html).toContain(`<a class="ic-link" href="${links.unsubscribe}"`);
  });

  it('shows a preview the same footer on the status page\'s origin with the visibly fake token "preview"', () => {
    const config = aConfig({ statusPageUrl: 'https://status.nimbuschat.com/incidents/inc_01JF3Z' });
    const email = renderEmail(aContext(anUpdate(), 'en', config));
    expect(email.text).toContain('Change your preferences: https://status.nimbuschat.com/preferences.html?token=preview\n');
    expect(email.text).toContain('Unsubscribe: https://status.nimbuschat.com/v1/subscriptions/unsubscribe?token=preview\n');
  });
});

describe('what is affected', () => {
  it('names on recovery every component the incident touched, though all are operational again', () => {
    expect(renderEmail(aContext(theDecemberOutage()['4-recovery']!, 'en')).text).toContain('What was affected: Chat, API, and Video generation');
  });

  it('names while open only the components not operational', () => {
    expect(renderEmail(aContext(theDecemberOutage()['3-update-monitoring']!, 'en')).text).toContain("What's affected: Chat and Video generation");
  });

  it('speaks of the service as a whole when no component is named', () => {
    expect(renderInApp(aContext(anUpdate({ incident: { components: {} } }), 'id')).text).toContain('Layanan terdampak: sebagian layanan Nimbus Chat.');
  });
});
