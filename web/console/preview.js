// @ts-check
// Renders a preview answer: every channel × locale as customers will get it. Only text nodes; the
// email's HTML goes into a sandboxed iframe without scripts, and only once the commander opens it.

import { el } from '../page-elements.js';
import { t } from './i18n.js';
import { wordsShortened } from './x-shortening.js';

/** @typedef {{ channel: string, locale: string, kind: string, subject?: string, html?: string, title?: string, text: string, weightedLength?: number }} Message */

const channelOrder = ['email', 'x', 'inapp', 'webhook'];

/**
 * Shows `messages` in `container`, grouped by channel.
 * @param {HTMLElement} container
 * @param {Message[]} messages
 * @param {Record<string, string>} words the commander's words by locale, to tell when X shortened them
 */
export function renderPreview(container, messages, words) {
  const sorted = [...messages].sort((a, b) => channelOrder.indexOf(a.channel) - channelOrder.indexOf(b.channel) || a.locale.localeCompare(b.locale));
  container.replaceChildren(...sorted.map((message) => renderMessage(message, words[message.locale] ?? '')));
}

/** @param {Message} message @param {string} words */
function renderMessage(message, words) {
  const card = el('article', `card ch-${message.channel}`);
  card.dataset.channel = message.channel;
  card.dataset.locale = message.locale;
  card.lang = message.locale;
  const heading = el('h4', null, `${t(/** @type {any} */ (`ch_${message.channel}`))} · ${message.locale}`);
  heading.lang = document.documentElement.lang;
  card.append(heading);
  if (message.subject !== undefined) card.append(el('p', 'subject', t('subject', { s: message.subject })));
  if (message.title !== undefined) card.append(el('p', 'card-title', message.title));
  const body = el('p', 'card-text', message.text);
  body.dir = 'auto';
  card.append(body);
  if (message.channel === 'x') card.append(...xNotes(message, words));
  if (message.html !== undefined) card.append(emailHtml(message.html, message.locale));
  return card;
}

/** The weighted length against 280, and a notice when the commander's words did not fit whole. @param {Message} message @param {string} words */
function xNotes(message, words) {
  const length = message.weightedLength ?? 0;
  const counter = el('p', `x-length${length > 280 ? ' over' : ''}`, t('xLength', { n: length }));
  counter.lang = document.documentElement.lang;
  const notes = [counter];
  // The commander's own words against the same 280 (code points: X weighs most text so), so typing past it shows at once.
  const typed = [...words.trim()].length;
  if (message.kind !== 'postmortem' && typed > 0) {
    const own = el('p', `x-words${typed > 280 ? ' over' : ''}`, t('xWords', { n: typed }));
    own.lang = document.documentElement.lang;
    notes.push(own);
  }
  // A postmortem's post only links to it: the commander's words are never in it.
  if (message.kind !== 'postmortem' && wordsShortened(message.text, words)) {
    const notice = el('p', 'x-shortened', t('xShortened'));
    notice.lang = document.documentElement.lang;
    notes.push(notice);
  }
  return notes;
}

/**
 * The email's HTML in a frame that may run nothing: `sandbox` without allow-scripts (an opaque
 * origin), filled when opened. It inherits the console's CSP, which refuses the mail's inline styles,
 * so it shows unstyled; the text part above carries the same words.
 * @param {string} html @param {string} locale
 */
function emailHtml(html, locale) {
  const details = /** @type {HTMLDetailsElement} */ (el('details', 'email-html'));
  const summary = el('summary', null, t('emailHtml'));
  summary.lang = document.documentElement.lang;
  details.append(summary);
  details.addEventListener('toggle', () => {
    if (!details.open || details.querySelector('iframe')) return;
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', '');
    frame.title = t('emailHtmlFrame', { l: locale });
    frame.srcdoc = html;
    details.append(frame);
  });
  return details;
}
