import fc from 'fast-check';
import twitterText from 'twitter-text';
import { describe, expect, it } from 'vitest';
import { renderUpdate } from '../../../lambdas/core/channels/channel-catalog.js';
import { countCodePoints } from '../../../lambdas/core/validation/code-point-string.js';
import { escapeHtml } from '../../../lambdas/core/messages/escape-html.js';
import { renderEmail } from '../../../lambdas/core/messages/render-email.js';
import type { EmailMessage } from '../../../lambdas/core/messages/types.js';
import { weighXPost } from '../../../lambdas/core/messages/weigh-x-post.js';
import type { TimelineUpdate } from '../../../lambdas/core/incident/model.js';
import { aConfig, anUpdate, outageResolvedAt } from './builders.js';
import { htmlTags } from './html-reading.js';

// Characters that break naive code: emoji (with skin tones and ZWJ joins), CJK, Arabic and Hebrew,
// zero-width and bidi controls, the BOM X refuses, combining marks, line breaks, lone surrogates,
// and markup (the HTML part of a mail must show it as text).
const tricky = [
  '<', '&', '"', "'", '<b>', '</p>', '<script>alert(1)</script>', '&amp;', '&lt;', '<a href="javascript:x">',
  '😀', '👩‍👩‍👧‍👦', '👍🏽', '🇮🇩', '日本語', '中', 'ひらがな', '한국어', 'ภาษาไทย', 'مرحبا', 'שלום',
  '\u200B', '\u200C', '\u200D', '\u2060', '\u202E', '\u2066', '\uFEFF', '\uFFFE', 'e\u0301', '\u0000', '\u0007',
  '\n', '\r\n', '\t', '\u2028', ' ', '  ', '…', '—', '“', 'ß', 'İ', '\uD800', '\uDC00',
  'https://example.com/a/very/long/path?with=query', '@nimbus', '#down', '$NIMB', 'word', 'Kami', 'mohon', 'maaf',
];
const unit = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...tricky) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 0x10ffff }).map((codePoint) => String.fromCodePoint(codePoint)) },
  { weight: 3, arbitrary: fc.constantFrom('a', 'b', 'e', 'n', 's', 't', ' ', ' ', '.', ',') },
);
// fast-check favours short strings; the second branch makes sure long messages are shortened too.
const commanderText = fc.oneof(
  fc.string({ unit, minLength: 0, maxLength: 5000 }),
  fc.string({ unit, minLength: 1000, maxLength: 5000 }),
);
const title = fc.string({ unit, minLength: 1, maxLength: 200 });
// The configuration bounds names to 1–60 UTF-16 units once trimmed.
const name = fc.string({ unit, minLength: 1, maxLength: 30 }).filter((text) => text.trim().length > 0 && text.trim().length <= 60);

const scenario = fc.record({
  message: commanderText,
  title,
  serviceName: name,
  componentNames: fc.array(name, { minLength: 1, maxLength: 8 }),
  affected: fc.integer({ min: 0, max: 8 }),
  step: fc.constantFrom(
    { seq: 1, kind: 'apology', status: 'investigating' },
    { seq: 2, kind: 'update', status: 'identified' },
    { seq: 3, kind: 'update', status: 'monitoring' },
    { seq: 4, kind: 'update', status: 'investigating' },
    { seq: 5, kind: 'recovery', status: 'resolved' },
    { seq: 6, kind: 'postmortem', status: 'resolved' },
    { seq: 1, kind: 'maintenance_scheduled', status: 'scheduled' },
    { seq: 2, kind: 'maintenance_reminder', status: 'scheduled' },
    { seq: 3, kind: 'maintenance_started', status: 'in_progress' },
    { seq: 4, kind: 'maintenance_started', status: 'verifying' },
    { seq: 5, kind: 'maintenance_completed', status: 'completed' },
    { seq: 2, kind: 'maintenance_cancelled', status: 'cancelled' },
  ),
  // A maintenance window: when it starts after the update, and how long it lasts (across days too).
  windowStartMinutes: fc.integer({ min: 1, max: 10_080 }),
  windowMinutes: fc.integer({ min: 1, max: 4_320 }),
  // A postmortem may run to 20,000 code points: appended to the message of a postmortem step.
  postmortemTail: fc.oneof(fc.constant(''), fc.string({ unit, minLength: 5000, maxLength: 15000 })),
  impact: fc.constantFrom('none', 'minor', 'major', 'critical'),
  // The promise in minutes after the update: none, the shortest, across midnight somewhere, a whole day.
  promiseMinutes: fc.constantFrom(null, 5, 30, 600, 1440),
  statusPageUrl: fc.constantFrom('https://status.nimbus.example', 'https://status.nimbuschat.com/incidents/inc_01JF3Z'),
  idZone: fc.constantFrom('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura', 'Pacific/Kiritimati', 'America/St_Johns'),
  // One subscriber's mail: their zone (or none: the locale's; or one Intl does not know) and their links.
  readerZone: fc.constantFrom(undefined, 'UTC', 'Asia/Jakarta', 'America/St_Johns', 'Pacific/Chatham', 'Not/A_Zone'),
  links: fc.constantFrom(
    undefined,
    { unsubscribe: 'https://status.nimbus.example/v1/subscriptions/unsubscribe?token=mng_a', preferences: 'https://status.nimbus.example/preferences.html?token=mng_a' },
    { unsubscribe: 'https://status.nimbus.example/v1/subscriptions/unsubscribe?token=a%2B&x="1"', preferences: 'https://status.nimbus.example/preferences.html?token=<b>&y=1' },
  ),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function renderScenario(s: Scenario) {
  const components = s.componentNames.map((componentName, index) => ({ id: `c${index}`, name: componentName }));
  const config = aConfig({
    serviceName: s.serviceName,
    statusPageUrl: s.statusPageUrl,
    components,
    timeZones: { id: s.idZone },
    channels: { email: { enabled: true }, x: { enabled: true, locales: ['en', 'id'] }, inapp: { enabled: true } },
  });
  const maintenance = s.step.kind.startsWith('maintenance_');
  const resolved = s.step.status === 'resolved' || s.step.status === 'completed' || s.step.status === 'cancelled';
  const windowStart = Date.parse(anUpdate().createdAt) + s.windowStartMinutes * 60_000;
  const touched = Object.fromEntries(
    components.slice(0, s.affected).map(({ id }) => [id, resolved ? 'operational' : 'major_outage'] as const),
  );
  const message = s.step.kind === 'postmortem' ? s.message + s.postmortemTail : s.message;
  const update: TimelineUpdate = anUpdate({
    ...(s.step as Pick<TimelineUpdate, 'seq' | 'kind' | 'status'>),
    impact: s.impact as TimelineUpdate['impact'],
    message: { en: message, id: message },
    createdAt: resolved ? outageResolvedAt : undefined,
    incident: {
      title: s.title,
      components: touched,
      resolvedAt: resolved ? outageResolvedAt : null,
      nextUpdateBy:
        resolved || maintenance || s.promiseMinutes === null ? null : new Date(Date.parse(anUpdate().createdAt) + s.promiseMinutes * 60_000).toISOString(),
      ...(maintenance
        ? {
            window: {
              scheduledFor: new Date(windowStart).toISOString(),
              scheduledUntil: new Date(windowStart + s.windowMinutes * 60_000).toISOString(),
              remindBeforeMinutes: 60,
              reminderDue: null,
              autoStart: true,
              autoComplete: true,
              channels: ['inapp', 'email', 'x'],
              message: { en: message, id: message },
            },
          }
        : {}),
    },
  });
  return { config, update, messages: renderUpdate(update, config) };
}

/** The scenario's mails as one subscriber of each locale gets them, then as the preview shows them. */
function renderEmails(s: Scenario): { config: ReturnType<typeof aConfig>; emails: EmailMessage[] } {
  const { config, update, messages } = renderScenario(s);
  const reader = { ...(s.readerZone ? { timeZone: s.readerZone } : {}), ...(s.links ? { links: s.links } : {}) };
  const forReaders = config.locales.map((locale) => renderEmail({ update, locale, config, ...reader }));
  return { config, emails: [...forReaders, ...messages.filter((message): message is EmailMessage => message.channel === 'email')] };
}

// Brackets no template, catalog or markup uses, around markup the commander typed: where they show
// unescaped in the HTML, raw input reached the markup.
const markup = fc
  .string({ unit: fc.constantFrom('<', '>', '&', '"', "'", '/', '=', ' ', 'a', 'b', 'p', 'script', 'img', 'href', 'javascript:', ';', '#', 'lt', 'amp', 'quot'), minLength: 1, maxLength: 40 })
  .filter((text) => /[<&"]/.test(text))
  .map((text) => `⟦${text}⟧`);
const allowedTags = new Set(['!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'div', 'p', 'br', 'a']);

const runs = { numRuns: 150 };

describe('whatever the commander types, every message stays within its channel bounds', () => {
  it('renders every channel in every locale without throwing', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        expect(renderScenario(s).messages).toHaveLength(6);
      }),
      runs,
    );
  });

  it('keeps every X post within 280 as twitter-text weighs it, valid, with the whole status link', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { config, messages } = renderScenario(s);
        for (const post of messages.filter((message) => message.channel === 'x')) {
          const weight = weighXPost(post.text);
          expect(weight.weightedLength).toBeLessThanOrEqual(280);
          expect(weight.valid).toBe(true);
          expect(post.weightedLength).toBe(weight.weightedLength);
          expect(post.text).toContain(config.statusPageUrl);
          // Where X recognises the domain, it must link the whole address, not a cut-off piece of it.
          if (config.statusPageUrl.includes('.com')) expect(twitterText.extractUrls(post.text)).toContain(config.statusPageUrl);
        }
      }),
      runs,
    );
  });

  it('gives every email a subject of 1–150 code points on one line, with no control character and no edge space', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { config, emails } = renderEmails(s);
        for (const email of emails) {
          expect(countCodePoints(email.subject)).toBeGreaterThanOrEqual(1);
          expect(countCodePoints(email.subject)).toBeLessThanOrEqual(150);
          expect(email.subject).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
          expect(email.subject).toBe(email.subject.trim());
          expect(email.text).toContain(config.statusPageUrl);
        }
      }),
      runs,
    );
  });

  it('carries the reader\'s links (or the preview\'s) in the text and, escaped, as the HTML\'s only links besides the status page', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { config, emails } = renderEmails(s);
        const preview = { unsubscribe: `${new URL(config.statusPageUrl).origin}/v1/subscriptions/unsubscribe?token=preview`, preferences: `${new URL(config.statusPageUrl).origin}/preferences.html?token=preview` };
        emails.forEach((email, index) => {
          const links = index < config.locales.length && s.links ? s.links : preview;
          for (const link of [links.unsubscribe, links.preferences]) {
            expect(email.text).toContain(`: ${link}\n`);
            expect(email.html).toContain(`href="${escapeHtml(link)}"`);
          }
          const hrefs = htmlTags(email.html).flatMap((tag) => (tag.name === 'a' && !tag.closing ? [/ href="([^"]*)"/.exec(tag.text)?.[1]] : []));
          expect(new Set(hrefs)).toEqual(new Set([config.statusPageUrl, links.unsubscribe, links.preferences].map(escapeHtml)));
        });
      }),
      runs,
    );
  });

  it('builds the HTML from escaped text only: no tag but its own, the commander\'s markup never raw and always there escaped', () => {
    fc.assert(
      fc.property(scenario, markup, markup, (s, inMessage, inTitle) => {
        const hostile = { ...s, message: `${s.message} ${inMessage} ${s.message.slice(0, 40)}`, title: `${inTitle} ${s.title}` };
        for (const email of renderEmails(hostile).emails) {
          for (const tag of htmlTags(email.html)) expect(allowedTags.has(tag.name), tag.text).toBe(true);
          expect(email.html).not.toMatch(/\son[a-z]+=|<script|href="(?!https?:)/i);
          expect(email.html).not.toContain(inMessage);
          expect(email.html).not.toContain(inTitle);
          expect(email.html).toContain(escapeHtml(inMessage));
          expect(email.text).toContain(inMessage);
        }
      }),
      runs,
    );
  });

  it('keeps every in-app title within 1–80 and every in-app text within 500 code points', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        for (const item of renderScenario(s).messages.filter((message) => message.channel === 'inapp')) {
          const titleLength = countCodePoints(item.title);
          expect(titleLength).toBeGreaterThanOrEqual(1);
          expect(titleLength).toBeLessThanOrEqual(80);
          expect(item.title.trim()).not.toBe('');
          expect(countCodePoints(item.text)).toBeLessThanOrEqual(500);
        }
      }),
      runs,
    );
  });

  it('never emits a lone surrogate or a control character other than a line feed', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        for (const message of [...renderScenario(s).messages, ...renderEmails(s).emails]) {
          const text = `${message.text}${'subject' in message ? message.subject : ''}${'title' in message ? message.title : ''}${'html' in message ? message.html : ''}`;
          expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
          expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F]/);
        }
      }),
      runs,
    );
  });
});
