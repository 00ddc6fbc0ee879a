import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../lambdas/core/messages/escape-html.js';
import { renderSubscriptionMail } from '../../../lambdas/core/messages/render-subscription-mail.js';
import { countCodePoints } from '../../../lambdas/core/validation/code-point-string.js';
import { aConfig } from './builders.js';
import { htmlTags, textWords, visibleWords } from './html-reading.js';

const links = {
  confirm: 'https://status.nimbus.example/v1/subscriptions/confirm?token=cnf_ana',
  unsubscribe: 'https://status.nimbus.example/v1/subscriptions/unsubscribe?token=mng_ana',
  preferences: 'https://status.nimbus.example/preferences.html?token=mng_ana',
};
const config = aConfig();

describe('the confirmation mail', () => {
  it('asks the reader to confirm, with the confirm link, and says that ignoring it means hearing nothing more (en)', () => {
    const mail = renderSubscriptionMail({ mail: 'confirmation', locale: 'en', config, links });
    expect(mail.subject).toBe('Confirm your subscription to Nimbus Chat incident updates');
    expect(mail.text).toContain('incident updates from Nimbus Chat');
    expect(mail.text).toContain(`Confirm my subscription: ${links.confirm}\n`);
    expect(mail.text).toContain("If you didn't ask for this, just ignore this email. You won't be subscribed and won't hear from us again.");
    expect(mail.text).not.toContain(links.unsubscribe);
    expect(mail.html).toContain(`<a class="ic-link" href="${links.confirm}" style="color:#0b57d0;text-decoration:underline;">Confirm my subscription</a>`);
  });

  it('says the same in Indonesian, in the register of the incident mails', () => {
    const mail = renderSubscriptionMail({ mail: 'confirmation', locale: 'id', config, links });
    expect(mail.subject).toBe('Konfirmasi langganan informasi gangguan layanan Nimbus Chat');
    expect(mail.text).toMatch(/^Halo,\n\nKami menerima permintaan untuk mengirimkan informasi gangguan layanan Nimbus Chat ke alamat email ini\./);
    expect(mail.text).toContain(`Konfirmasi langganan saya: ${links.confirm}\n`);
    expect(mail.text).toContain('Apabila Anda tidak mengajukan permintaan ini, Anda dapat mengabaikan email ini.');
    expect(mail.text).toContain('Anda tidak akan menerima email lagi dari kami.');
    expect(mail.text).toMatch(/Salam,\nTim Nimbus Chat\n$/);
    expect(mail.html).toContain('<html lang="id" dir="ltr">');
  });
});

describe('the preferences mail', () => {
  it('says the address is already subscribed and nothing changed, with the preferences and unsubscribe links (en)', () => {
    const mail = renderSubscriptionMail({ mail: 'preferences', locale: 'en', config, links });
    expect(mail.subject).toBe("You're already subscribed to Nimbus Chat incident updates");
    expect(mail.text).toContain('It is already subscribed, so nothing has changed.');
    expect(mail.text).toContain(`Change your preferences: ${links.preferences}\nUnsubscribe: ${links.unsubscribe}\n`);
    expect(mail.text).not.toContain(links.confirm);
    expect(mail.html).toContain('>Change your preferences</a>');
    expect(mail.html).toContain('>Unsubscribe</a>');
  });

  it('says the same in Indonesian', () => {
    const mail = renderSubscriptionMail({ mail: 'preferences', locale: 'id', config, links });
    expect(mail.subject).toBe('Anda sudah berlangganan informasi gangguan layanan Nimbus Chat');
    expect(mail.text).toContain('Alamat ini sudah terdaftar, sehingga tidak ada yang berubah.');
    expect(mail.text).toContain(`Ubah preferensi langganan: ${links.preferences}\nBerhenti berlangganan: ${links.unsubscribe}\n`);
  });
});

describe('every subscription mail', () => {
  const every = (['confirmation', 'preferences'] as const).flatMap((mail) => ['en', 'id'].map((locale) => ({ mail, locale })));

  it('writes Indonesian as the incident mails do: "Anda" and "Kami", no casual forms', () => {
    for (const mail of ['confirmation', 'preferences'] as const) {
      const { subject, text } = renderSubscriptionMail({ mail, locale: 'id', config, links });
      expect(text).toContain('Anda');
      expect(`${subject} ${text}`).not.toMatch(/\b(kamu|kau|aku|gak|nggak|enggak|aja|udah|banget|gimana|makasih)\b/i);
    }
  });

  it('falls back to English for a locale without its own texts, and formats nothing in the wrong language', () => {
    const portuguese = renderSubscriptionMail({ mail: 'confirmation', locale: 'pt-BR', config: aConfig({ locales: ['en', 'id', 'pt-BR'] }), links });
    expect(portuguese.subject).toBe('Confirm your subscription to Nimbus Chat incident updates');
    expect(portuguese.html).toContain('<html lang="en" dir="ltr">');
  });

  it('keeps the subject within 1–150 code points on one line, and escapes the service name in the HTML', () => {
    const hostile = aConfig({ serviceName: `${'Ｎｉｍｂｕｓ'.repeat(9)} <b>&"\n` });
    for (const { mail, locale } of every) {
      const { subject, html } = renderSubscriptionMail({ mail, locale, config: hostile, links });
      expect(countCodePoints(subject)).toBeGreaterThanOrEqual(1);
      expect(countCodePoints(subject)).toBeLessThanOrEqual(150);
      expect(subject).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
      expect(html).not.toContain('<b>');
      expect(html).toContain(escapeHtml('<b>&"'));
      expect(new Set(htmlTags(html).map((tag) => tag.name))).toEqual(new Set(['!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'div', 'p', 'br', 'a']));
    }
  });

  it('says the same words in the HTML as in the text part', () => {
    for (const { mail, locale } of every) {
      const { text, html } = renderSubscriptionMail({ mail, locale, config, links });
      expect(visibleWords(html)).toEqual(textWords(text, Object.values(links)));
    }
  });
});
