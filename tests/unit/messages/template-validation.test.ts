import { describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../../lambdas/core/config/config-schema.js';
import { ConfigError, parseConfig } from '../../../lambdas/core/config/parse-config.js';
import { en } from '../../../lambdas/core/messages/catalogs/en.js';
import { id } from '../../../lambdas/core/messages/catalogs/id.js';
import { validateTemplates } from '../../../lambdas/core/messages/validate-templates.js';
import { aConfigInput } from './builders.js';

function configErrorFor(templates: ConfigInput['templates']): string {
  try {
    parseConfig(aConfigInput({ templates }));
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('operator templates are checked when the configuration loads, never at send time', () => {
  it('accepts complete templates for every locale a channel sends in', () => {
    const config = parseConfig(
      aConfigInput({
        templates: {
          recovery: {
            email: { en: { subject: '[{service}] Fixed: {title}' }, id: { subject: '[{service}] Sudah normal: {title}' } },
            x: { en: { text: 'Fixed after {duration}. {message} {url}' } },
          },
        },
      }),
    );
    expect(config.templates?.recovery?.x?.en?.text).toBe('Fixed after {duration}. {message} {url}');
  });

  it('rejects an unknown placeholder and names the template', () => {
    const message = configErrorFor({
      recovery: { email: { en: { subject: '[{service}] {titel}' }, id: { subject: '[{service}] {title}' } } },
    });
    expect(message).toContain('templates.recovery.email.en.subject: uses unknown placeholder {titel}');
  });

  it('rejects a template for a locale that is not configured', () => {
    const message = configErrorFor({ apology: { inapp: { en: { title: '{title}' }, id: { title: '{title}' }, fr: { title: '{title}' } } } });
    expect(message).toContain('templates.apology.inapp.fr: "fr" is not one of locales [en, id]');
  });

  it('rejects a template given for one locale and missing for another the channel sends in', () => {
    const message = configErrorFor({ recovery: { email: { en: { subject: '[{service}] Fixed: {title}' } } } });
    expect(message).toContain('templates.recovery.email.id.subject: is missing');
  });

  it('asks X templates only for the locales X posts in', () => {
    expect(() => parseConfig(aConfigInput({ templates: { update: { x: { en: { text: 'Update: {message} {url}' } } } } }))).not.toThrow();
  });

  it('rejects a fixed part too long to leave room for the placeholders, weighed as X weighs it', () => {
    const message = configErrorFor({ apology: { x: { en: { text: `${'日本'.repeat(60)} {message} {url}` } } } });
    expect(message).toContain('templates.apology.x.en.text: fixed text (without placeholders) weighs 242 as X counts it; at most 200');
  });

  it('rejects an email subject whose fixed part leaves no room for the title', () => {
    const subject = `${'Our service is having a very long and detailed problem '.repeat(2)}{title}`;
    const message = configErrorFor({ apology: { email: { en: { subject }, id: { subject } } } });
    expect(message).toContain('templates.apology.email.en.subject: fixed text (without placeholders) is 110 characters; at most 100 leaves room for the placeholders');
  });

  it('counts an email subject\'s fixed part in code points, in the reader\'s script, not in UTF-16 units or ASCII', () => {
    // 98 emoji and a space are 197 UTF-16 units but 99 code points; typographic quotes and dashes count once each.
    const fits = { apology: { email: { en: { subject: `${'🚨'.repeat(98)} {title}` }, id: { subject: `[{service}] “Gangguan layanan” — {title}` } } } };
    expect(() => parseConfig(aConfigInput({ templates: fits }))).not.toThrow();
    const subject = `${'🚨'.repeat(101)}{title}`;
    expect(configErrorFor({ apology: { email: { en: { subject }, id: { subject } } } })).toContain(
      'templates.apology.email.en.subject: fixed text (without placeholders) is 101 characters; at most 100',
    );
  });

  it('rejects a stray brace', () => {
    const message = configErrorFor({ update: { inapp: { en: { text: '{progress {message}' }, id: { text: '{progress} {message}' } } } });
    expect(message).toContain('templates.update.inapp.en.text: has a stray "{" at character 1');
  });

  it('accepts postmortem templates, {resolvedAt} included', () => {
    const config = parseConfig(
      aConfigInput({
        templates: {
          postmortem: {
            x: { en: { text: 'Postmortem of {title} (resolved {resolvedAt}): {url}' } },
            inapp: { en: { title: 'Why it broke: {title}' }, id: { title: 'Mengapa terjadi: {title}' } },
          },
        },
      }),
    );
    expect(config.templates?.postmortem?.x?.en?.text).toBe('Postmortem of {title} (resolved {resolvedAt}): {url}');
  });

  it('rejects {resolvedAt} outside a recovery or postmortem message', () => {
    const message = configErrorFor({ update: { inapp: { en: { text: 'Fixed at {resolvedAt}' }, id: { text: 'Pulih {resolvedAt}' } } } });
    expect(message).toContain('templates.update.inapp.en.text: uses {resolvedAt}, which only recovery and postmortem messages have');
  });

  it('rejects an email body or X post without the status-page link', () => {
    const message = configErrorFor({ update: { x: { en: { text: 'Update: {message}' } } } });
    expect(message).toContain('templates.update.x.en.text: must contain {url}');
  });

  it('holds the built-in texts to the same rules as operator templates', () => {
    for (const catalog of [en, id]) {
      const templates = Object.fromEntries(
        Object.entries(catalog.texts).map(([kind, byChannel]) => [
          kind,
          Object.fromEntries(Object.entries(byChannel).map(([channel, fields]) => [channel, { [catalog.language]: fields }])),
        ]),
      );
      expect(validateTemplates(templates, { locales: [catalog.language], xLocales: [catalog.language] })).toEqual([]);
    }
  });
});
