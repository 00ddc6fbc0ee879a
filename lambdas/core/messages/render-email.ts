import { compiledTemplate } from './compiled-template.js';
import { fillTemplate } from './fill-template.js';
import { fitTemplate } from './fit-template.js';
import { messageFacts } from './message-facts.js';
import type { MessageFacts } from './message-facts.js';
import { shrinkableValues } from './shrinkable-values.js';
import { templateFor } from './template-for.js';
import { toAsciiSubject } from './to-ascii-subject.js';
import { transliterateToAscii } from './transliterate-to-ascii.js';
import type { EmailMessage, RenderContext } from './types.js';

// SNS refuses a `Subject` of 100 characters or more.
const subjectLimit = 99;

/**
 * The email for one update in one locale: an ASCII subject SNS accepts, and a plain-text body with
 * the greeting, the apology or update, what is affected, the commander's words, where the next update
 * will appear, the status-page link and the time in the locale's zone.
 *
 * @example
 * const { subject, text } = renderEmail({ update, locale: 'id', config });
 * // subject: '[Nimbus Chat] Gangguan layanan: Chat, API and video generation unavailable'
 */
export function renderEmail(context: RenderContext): EmailMessage {
  const facts = messageFacts(context);
  return {
    channel: 'email',
    locale: context.locale,
    kind: context.update.kind,
    subject: renderSubject(context, facts),
    text: renderBody(context, facts),
  };
}

function renderSubject(context: RenderContext, facts: MessageFacts): string {
  const values = facts.oneLineValues;
  const parts = compiledTemplate(templateFor(context, facts.catalog, 'email', 'subject'));
  const tidy = (text: string) => tidySubject(transliterateToAscii(text));
  const fitted = fitTemplate({
    parts,
    values,
    shrinkable: shrinkableValues(facts, values, ['message', 'title', 'components', 'service']),
    tidy,
    fits: (subject) => subject.length <= subjectLimit,
  });
  const subject = toAsciiSubject(fitted ?? tidy(facts.catalog.fallbackSubject[context.update.kind]));
  return subject || toAsciiSubject(facts.catalog.fallbackSubject[context.update.kind]) || 'Service incident';
}

/** What dropping non-ASCII can leave behind: "[] Incident:" when the name and title were all CJK. */
function tidySubject(subject: string): string {
  return subject
    .replace(/\[\s*\]|\(\s*\)/g, '')
    .replace(/^[\s:;,\-]+|[\s:;,\-]+$/g, '')
    .replace(/ {2,}/g, ' ');
}

function renderBody(context: RenderContext, facts: MessageFacts): string {
  const template = templateFor(context, facts.catalog, 'email', 'body');
  const body = fillTemplate(compiledTemplate(template), facts.values);
  // Empty placeholders leave trailing spaces and blank runs; a mail client shows both.
  return body
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim() + '\n';
}
