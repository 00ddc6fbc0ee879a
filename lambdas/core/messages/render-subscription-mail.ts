import type { Config } from '../config/config-schema.js';
import type { SubscriptionMail } from '../subscribers/mail-request.js';
import { boundedSubject } from './bounded-subject.js';
import { catalogForLocale } from './catalogs/catalog-for-locale.js';
import type { SubscriptionMailTexts } from './catalogs/locale-catalog.js';
import { emailHtmlDocument } from './email-html-document.js';
import { intlLocaleFor } from './intl-locale-for.js';
import type { MailDocument, MailParagraph } from './mail-document.js';
import { mailPlainText } from './mail-plain-text.js';
import { toOneLine } from './to-one-line.js';

export interface SubscriptionMailRequest {
  mail: SubscriptionMail;
  /** The subscriber's locale; one without its own texts gets English (catalogForLocale). */
  locale: string;
  config: Config;
  /** The subscriber's links (subscriptionLinks); the confirmation uses `confirm`, the other mail the other two. */
  links: { confirm: string; unsubscribe: string; preferences: string };
}

export interface RenderedSubscriptionMail {
  /** 1–150 code points, one line, no control character. */
  subject: string;
  text: string;
  /** The same words as `text`, built only from escaped text. */
  html: string;
}

/**
 * A mail the subscriber list sends, in the subscriber's language: the `confirmation` (confirm the
 * subscription with the link, or ignore the mail and hear nothing more), or `preferences` (sent when
 * an already confirmed address is subscribed again: it is subscribed already, nothing changed, here
 * are the links to change the preferences or unsubscribe).
 *
 * @example
 * renderSubscriptionMail({ mail: 'confirmation', locale: 'id', config, links }).subject;
 * // 'Konfirmasi langganan informasi gangguan layanan Nimbus Chat'
 */
export function renderSubscriptionMail({ mail, locale, config, links }: SubscriptionMailRequest): RenderedSubscriptionMail {
  const catalog = catalogForLocale(locale);
  const intlLocale = intlLocaleFor(locale, catalog);
  const texts = catalog.subscriptionMails;
  const service = toOneLine(config.serviceName);
  const subject = boundedSubject(texts[mail].subject(service), intlLocale, catalog.ellipsis);
  const document: MailDocument = {
    lang: intlLocale,
    title: subject,
    paragraphs: [[[texts.greeting]], ...(mail === 'confirmation' ? confirmation(texts, service, links) : preferences(texts, service, links)), signOff(texts, service)],
    footer: [],
  };
  return { subject, text: mailPlainText(document), html: emailHtmlDocument(document) };
}

function confirmation(texts: SubscriptionMailTexts, service: string, links: SubscriptionMailRequest['links']): MailParagraph[] {
  const words = texts.confirmation;
  return [[[words.request(service)], [{ href: links.confirm, label: words.confirm }]], [[words.ignore]]];
}

function preferences(texts: SubscriptionMailTexts, service: string, links: SubscriptionMailRequest['links']): MailParagraph[] {
  const words = texts.preferences;
  return [
    [[words.already(service)]],
    [[words.manage], [{ href: links.preferences, label: words.preferences }], [{ href: links.unsubscribe, label: words.unsubscribe }]],
    [[words.ignore]],
  ];
}

function signOff(texts: SubscriptionMailTexts, service: string): MailParagraph {
  return texts.signOff(service).split('\n').map((line) => [line]);
}
