import { describe, expect, it } from 'vitest';
import { emailHtmlDocument } from '../../../lambdas/core/messages/email-html-document.js';
import { escapeHtml } from '../../../lambdas/core/messages/escape-html.js';
import { linkedParagraphs } from '../../../lambdas/core/messages/linked-paragraphs.js';
import { mailPlainText } from '../../../lambdas/core/messages/mail-plain-text.js';
import { renderEmail } from '../../../lambdas/core/messages/render-email.js';
import { messageSchema } from '../../../lambdas/core/incident/answer-schemas.js';
import { renderUpdate } from '../../../lambdas/core/channels/channel-catalog.js';
import { aConfig, aContext, anUpdate, theDecemberOutage } from './builders.js';
import { htmlTags, visibleWords, textWords } from './html-reading.js';

const links = {
  unsubscribe: 'https://status.nimbus.example/v1/subscriptions/unsubscribe?token=mng_ana&x=1',
  preferences: 'https://status.nimbus.example/preferences.html?token=mng_ana',
};

describe('escapeHtml', () => {
  it('escapes the five characters that can open markup or close an attribute, and nothing else', () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a> 日本 🚀`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt; 日本 🚀');
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });
});

describe('the HTML part of an incident mail', () => {
  const recovery = theDecemberOutage()['4-recovery']!;

  it('is a complete document with the language, both colour schemes, the subject as title and an article container', () => {
    const { subject, html } = renderEmail({ ...aContext(recovery, 'id'), links });
    expect(html.startsWith('<!doctype html>\n<html lang="id" dir="ltr">\n<head>\n<meta charset="utf-8">')).toBe(true);
    expect(html).toContain('<meta name="color-scheme" content="light dark">');
    expect(html).toContain('<meta name="supported-color-schemes" content="light dark">');
    expect(html).toContain(`<title>${escapeHtml(subject)}</title>`);
    expect(html).toMatch(/<div role="article" aria-roledescription="email" aria-label="[^"]+" lang="id" dir="ltr"/);
    expect(html).toContain('@media (prefers-color-scheme: dark)');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('has no script, no image, no external style sheet, no event handler, and styles only inline besides the dark-mode block', () => {
    const { html } = renderEmail({ ...aContext(recovery, 'en'), links });
    expect(new Set(htmlTags(html).map((tag) => tag.name))).toEqual(new Set(['!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'div', 'p', 'br', 'a']));
    expect(html).not.toMatch(/<(script|img|link|iframe|object|embed|form|input|svg)\b/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/\ssrc=|url\(|@import/i);
    expect(html.match(/<style>/g)).toHaveLength(1);
    const styleBlock = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(styleBlock.trim()).toMatch(/^@media \(prefers-color-scheme: dark\) \{[\s\S]*\}$/);
    // Every element the reader sees carries its own style; colours never depend on the block alone.
    for (const tag of htmlTags(html).filter((tag) => ['body', 'p', 'a'].includes(tag.name) && !tag.closing)) expect(tag.text).toMatch(/ style="[^"]+"/);
  });

  it('says the same words as the text part, links labelled in the HTML and spelled out in the text', () => {
    for (const locale of ['en', 'id']) {
      for (const update of Object.values(theDecemberOutage())) {
        const { text, html } = renderEmail({ ...aContext(update, locale), links });
        expect(visibleWords(html)).toEqual(textWords(text, [links.preferences, links.unsubscribe]));
      }
    }
  });

  it('keeps line breaks inside a paragraph as <br> and links the status page and the footer', () => {
    const { html } = renderEmail({ ...aContext(recovery, 'en'), links });
    expect(html).toContain('What happened:<br>\nA new telemetry service');
    expect(html).toContain('<a class="ic-link" href="https://status.nimbus.example" style="color:#0b57d0;text-decoration:underline;">https://status.nimbus.example</a>');
    expect(html).toContain(`href="${escapeHtml(links.preferences)}" style="color:#0b57d0;text-decoration:underline;">Change your preferences</a>`);
    expect(html).toContain(`href="${escapeHtml(links.unsubscribe)}" style="color:#0b57d0;text-decoration:underline;">Unsubscribe</a>`);
  });

  it('escapes every character the commander and the configuration supplied', () => {
    const config = aConfig({
      serviceName: 'Nimbus <b>&</b> "Chat"',
      components: [{ id: 'chat', name: `Chat<img src=x onerror=alert(1)>` }, { id: 'api', name: 'API' }, { id: 'video', name: 'Video' }],
    });
    const message = 'Fixed </p><script>alert("x")</script> & <a href="javascript:alert(1)">more</a>\n&lt;already escaped&gt;';
    const update = anUpdate({ message: { en: message, id: message }, incident: { title: `Title "quoted" & <i>tagged</i>` } });
    const { html } = renderEmail({ ...aContext(update, 'en', config), links });
    for (const raw of ['<script>', '<b>', '<i>', '<img', '"javascript:', '"Chat"', '"quoted"', '&lt;already escaped&gt;']) expect(html).not.toContain(raw);
    expect(html).toContain('Fixed &lt;/p&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;a href=&quot;javascript:alert(1)&quot;&gt;more&lt;/a&gt;<br>\n&amp;lt;already escaped&amp;gt;');
    expect(html).toContain('<title>[Nimbus &lt;b&gt;&amp;&lt;/b&gt; &quot;Chat&quot;] Incident: Title &quot;quoted&quot; &amp; &lt;i&gt;tagged&lt;/i&gt;</title>');
    expect(new Set(htmlTags(html).map((tag) => tag.name))).toEqual(new Set(['!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'div', 'p', 'br', 'a']));
  });

  it('never links anything but a web address, and never a URL the commander typed', () => {
    const message = 'See https://evil.example/login and https://status.nimbus.example.evil.example for details.';
    const { html } = renderEmail({ ...aContext(anUpdate({ message: { en: message, id: message } }), 'en'), links: { unsubscribe: 'javascript:alert(1)', preferences: 'mailto:a@b.c' } });
    const hrefs = htmlTags(html).flatMap((tag) => (tag.name === 'a' && !tag.closing ? [/href="([^"]*)"/.exec(tag.text)?.[1]] : []));
    expect(hrefs).toEqual(['https://status.nimbus.example']);
    expect(html).toContain('Unsubscribe: javascript:alert(1)');
  });

  it('is readable in light and in dark mode: every text colour contrasts at least 4.5:1 with its background', () => {
    const { html } = renderEmail({ ...aContext(recovery, 'en'), links });
    const inline = (name: string) => new RegExp(`${name}:(#[0-9a-f]{6})`).exec(html)?.[1] ?? '';
    const card = /class="ic-card" style="[^"]*background-color:(#[0-9a-f]{6});color:(#[0-9a-f]{6})/.exec(html);
    const footer = /class="ic-footer" style="[^"]*color:(#[0-9a-f]{6})/.exec(html);
    const light = { background: card?.[1] ?? '', text: card?.[2] ?? '', muted: footer?.[1] ?? '', link: inline('a class="ic-link" href="[^"]*" style="color') };
    const dark = (selector: string, property: string) => new RegExp(`\\.${selector} \\{[^}]*(?<![-\\w])${property}: (#[0-9a-f]{6})`).exec(html)?.[1] ?? '';
    const night = { background: dark('ic-card', 'background-color'), text: dark('ic-card', 'color'), muted: dark('ic-footer', 'color'), link: dark('ic-link', 'color') };
    for (const scheme of [light, night]) {
      for (const colour of [scheme.text, scheme.muted, scheme.link]) expect(contrast(colour, scheme.background), `${colour} on ${scheme.background}`).toBeGreaterThanOrEqual(4.5);
      expect(contrast(scheme.text, scheme.background)).toBeGreaterThanOrEqual(7);
    }
  });
});

describe('linkedParagraphs and mailPlainText', () => {
  it('give back the text they were given, so the text part is exactly the rendered body', () => {
    const body = 'Hello,\n\nWe are on it.\nMore: https://status.example.\n\n— The team\n';
    expect(mailPlainText({ lang: 'en', title: 't', paragraphs: linkedParagraphs(body, 'https://status.example'), footer: [] })).toBe(body);
  });

  it('link only the status page standing on its own, not inside a longer address', () => {
    expect(linkedParagraphs('(https://s.example) https://s.example/x xhttps://s.example https://s.example.evil.example https://s.example.', 'https://s.example')).toEqual([
      [['(', { href: 'https://s.example' }, ') https://s.example/x xhttps://s.example https://s.example.evil.example ', { href: 'https://s.example' }, '.']],
    ]);
  });

  it('write an empty document as a doctype with an empty card, never failing', () => {
    expect(emailHtmlDocument({ lang: 'en', title: '', paragraphs: [], footer: [] })).toContain('<title></title>');
  });
});

describe('the preview answer', () => {
  it('carries the email html through messageSchema (zod drops keys it does not declare)', () => {
    const email = renderUpdate(anUpdate(), aConfig()).find((message) => message.channel === 'email');
    expect(email?.channel).toBe('email');
    if (email?.channel !== 'email') return;
    const { channel, locale, kind, subject, html, text } = email;
    expect(messageSchema.parse({ channel, locale, kind, subject, html, text }).html).toBe(html);
    expect(html).toContain('token=preview');
  });
});

function contrast(foreground: string, background: string): number {
  const luminance = (hex: string) => {
    const [r = 0, g = 0, b = 0] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [lighter, darker] = [luminance(foreground), luminance(background)].sort((a, b) => b - a) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}
