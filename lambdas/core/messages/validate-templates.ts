import type { MessageKind } from '../incident/vocabulary.js';
import { countCodePoints } from '../validation/code-point-string.js';
import { cleanText } from './clean-text.js';
import { fixedPartLimits } from './fixed-part-limits.js';
import { parseTemplate } from './parse-template.js';
import { placeholderKinds, placeholderNames } from './placeholder-names.js';
import { templateFields } from './template-fields.js';
import type { TemplatedChannel } from './template-fields.js';
import type { Templates } from './templates-schema.js';
import { weighXPost } from './weigh-x-post.js';

export interface TemplateIssue {
  /** Path below `templates`, e.g. `['recovery', 'email', 'id', 'subject']`. */
  path: string[];
  message: string;
}

export interface TemplateLocales {
  /** Every configured locale: email and in-app send in all of them. */
  locales: readonly string[];
  /** The locales X posts in. */
  xLocales: readonly string[];
}

const known = new Set<string>(placeholderNames);
const knownList = placeholderNames.map((name) => `{${name}}`).join(', ');
// Without the link a customer has nowhere to follow the incident; docs/api.md promises it on both channels.
const linkRequired: Partial<Record<string, boolean>> = { 'email.body': true, 'x.text': true };

/**
 * Finds every mistake in the operator templates, so configuration loading (at `npm start` and at
 * `cdk synth`) fails and sending never does: an unknown or misplaced placeholder, a stray brace,
 * a locale that is not configured or is missing, a fixed part too long for its field, a missing link.
 *
 * @example
 * validateTemplates({ recovery: { x: { en: { text: 'Fixed {sevice} {url}' } } } }, { locales: ['en'], xLocales: ['en'] });
 * // [{ path: ['recovery', 'x', 'en', 'text'], message: 'uses unknown placeholder {sevice}; …' }]
 */
export function validateTemplates(templates: Templates | undefined, { locales, xLocales }: TemplateLocales): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  for (const [kind, byChannel] of Object.entries(templates ?? {}) as [MessageKind, Record<string, Record<string, Record<string, string | undefined>> | undefined>][]) {
    for (const channel of Object.keys(templateFields) as TemplatedChannel[]) {
      const byLocale = byChannel?.[channel];
      if (!byLocale) continue;
      for (const [locale, fields] of Object.entries(byLocale)) {
        if (!locales.includes(locale)) {
          issues.push({ path: [kind, channel, locale], message: `"${locale}" is not one of locales [${locales.join(', ')}]` });
        }
        for (const [field, template] of Object.entries(fields)) {
          if (template !== undefined) issues.push(...templateProblems(kind, channel, field, template).map((message) => ({ path: [kind, channel, locale, field], message })));
        }
      }
      const needed = channel === 'x' ? xLocales : locales;
      for (const field of templateFields[channel]) {
        const given = Object.keys(byLocale).filter((locale) => byLocale[locale]?.[field] !== undefined);
        if (given.length === 0) continue;
        for (const locale of needed.filter((locale) => !given.includes(locale))) {
          issues.push({
            path: [kind, channel, locale, field],
            message: `is missing: it is given for ${given.map((l) => `"${l}"`).join(', ')}, so every locale this channel sends in needs one (or remove them all to keep the built-in text)`,
          });
        }
      }
    }
  }
  return issues;
}

function templateProblems(kind: MessageKind, channel: TemplatedChannel, field: string, template: string): string[] {
  const { parts, problems } = parseTemplate(template);
  const messages = [...problems];
  const used = new Set<string>();
  for (const part of parts) {
    if (!('placeholder' in part)) continue;
    used.add(part.placeholder);
    if (!known.has(part.placeholder)) {
      messages.push(`uses unknown placeholder {${part.placeholder}}; use one of ${knownList}`);
      continue;
    }
    const kinds = placeholderKinds[part.placeholder as keyof typeof placeholderKinds];
    if (kinds && !kinds.includes(kind)) messages.push(`uses {${part.placeholder}}, which only ${kinds.join(' and ')} messages have`);
  }
  if (linkRequired[`${channel}.${field}`] && !used.has('url')) {
    messages.push('must contain {url}: every email and X post carries the status-page link');
  }
  const fixed = parts.map((part) => ('text' in part ? part.text : '')).join('');
  const limit = (fixedPartLimits[channel] as Record<string, number>)[field] ?? 0;
  const length = fixedLength(channel, fixed);
  if (length > limit) {
    const size = channel === 'x' ? `weighs ${length} as X counts it` : `is ${length} characters`;
    messages.push(`fixed text (without placeholders) ${size}; at most ${limit} leaves room for the placeholders`);
  }
  return messages;
}

// X weighs as twitter-text does; every other field, the email subject included, counts code points.
function fixedLength(channel: TemplatedChannel, fixed: string): number {
  if (channel === 'x') return weighXPost(cleanText(fixed)).weightedLength;
  return countCodePoints(fixed);
}
