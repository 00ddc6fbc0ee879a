import { countCodePoints } from '../validation/code-point-string.js';
import { boundedSubject } from './bounded-subject.js';
import { compiledTemplate } from './compiled-template.js';
import { emailHtmlDocument } from './email-html-document.js';
import { emailSubjectLimit } from './email-subject-limit.js';
import { fillTemplate } from './fill-template.js';
import { fitTemplate } from './fit-template.js';
import { linkedParagraphs } from './linked-paragraphs.js';
import type { MailDocument, MailParagraph } from './mail-document.js';
import { mailPlainText } from './mail-plain-text.js';
import { messageFacts } from './message-facts.js';
import type { MessageFacts } from './message-facts.js';
import { previewLinks } from './preview-links.js';
import { shrinkableValues } from './shrinkable-values.js';
import { templateFor } from './template-for.js';
import { toOneLine } from './to-one-line.js';
import type { EmailLinks, EmailMessage, RenderContext } from './types.js';

/**
 * The email for one update, for one reader: a subject in the reader's language (1–150 code points,
 * one line), a plain-text body with the greeting, the apology or update, what is affected, the
 * commander's words, where the next update will appear, the status-page link and the time in the
 * reader's zone, then a footer with the reader's preferences and unsubscribe links; and an HTML part
 * with the same words, built only from escaped text.
 *
 * @example
 * const { subject, text, html } = renderEmail({ update, locale: 'id', config, timeZone: 'Asia/Jakarta', links });
 * // subject: '[Nimbus Chat] Gangguan layanan: Chat, API and video generation unavailable'
 */
export function renderEmail(context: RenderContext): EmailMessage {
  const facts = messageFacts(context);
  const subject = renderSubject(context, facts);
  const document: MailDocument = {
    lang: facts.intlLocale,
    title: subject,
    paragraphs: linkedParagraphs(renderBody(context, facts), facts.values.url),
    footer: [footer(facts, context.links ?? previewLinks(context.config))],
  };
  return {
    channel: 'email',
    locale: context.locale,
    kind: context.update.kind,
    subject,
    text: mailPlainText(document),
    html: emailHtmlDocument(document),
  };
}

function renderSubject(context: RenderContext, facts: MessageFacts): string {
  const values = facts.oneLineValues;
  const fitted = fitTemplate({
    parts: compiledTemplate(templateFor(context, facts.catalog, 'email', 'subject')),
    values,
    shrinkable: shrinkableValues(facts, values, ['message', 'title', 'components', 'service']),
    tidy: tidySubject,
    fits: (subject) => countCodePoints(subject) <= emailSubjectLimit,
    excess: (subject) => countCodePoints(subject) - emailSubjectLimit,
  });
  // Undefined when an operator's fixed text cannot fit; empty when the template only held values that
  // cleaned away (a title of control characters). Either way the catalog's subject for the kind says enough.
  return fitted || boundedSubject(facts.catalog.fallbackSubject[context.update.kind], facts.intlLocale, facts.catalog.ellipsis);
}

/** One line, no control character, and no leftovers of empty values: "[] Incident:" when the name and title cleaned away. */
function tidySubject(subject: string): string {
  return toOneLine(subject)
    .replace(/\[\s*\]|\(\s*\)/g, '')
    .replace(/^[\s:;,\-–—]+|[\s:;,\-–—]+$/gu, '')
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

// Not a template: an operator may reword the body, never drop the way out of the list.
function footer({ catalog, values }: MessageFacts, links: EmailLinks): MailParagraph {
  const texts = catalog.emailFooter;
  return [[texts.reason(values.service)], [{ href: links.preferences, label: texts.preferences }], [{ href: links.unsubscribe, label: texts.unsubscribe }]];
}
