import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../lambdas/core/messages/format-duration.js';
import { formatInstant } from '../../../lambdas/core/messages/format-instant.js';
import { renderEmail } from '../../../lambdas/core/messages/render-email.js';
import { renderInApp } from '../../../lambdas/core/messages/render-inapp.js';
import { toAsciiSubject } from '../../../lambdas/core/messages/to-ascii-subject.js';
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
  it('transliterates accents and typographic punctuation and drops what has no ASCII form', () => {
    expect(toAsciiSubject('[Nimbus] Pemulihan — “Café” 🚀 日本')).toBe('[Nimbus] Pemulihan - "Cafe"');
    expect(toAsciiSubject('Straße\nØresund\u0000')).toBe('Strasse Oresund');
  });

  it('falls back to a plain subject when the service name and the title have no ASCII at all', () => {
    const config = aConfig({ serviceName: '雲チャット' });
    const email = renderEmail(aContext(anUpdate({ incident: { title: '全部のサービスが停止' } }), 'en', config));
    expect(email.subject).toBe('Incident');
  });

  it('shortens a long title at a word and keeps the subject under 100 characters', () => {
    const title = 'Elevated error rates across chat completions, the Assistants API, fine-tuning jobs, video generation and the mobile apps';
    const email = renderEmail(aContext(anUpdate({ incident: { title } }), 'en'));
    expect(email.subject).toBe('[Nimbus Chat] Incident: Elevated error rates across chat completions, the Assistants API...');
    expect(email.subject.length).toBeLessThan(100);
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
