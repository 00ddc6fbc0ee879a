import type { MailDocument, MailInline } from './mail-document.js';

/**
 * The plain-text part of a mail: paragraphs separated by a blank line, lines kept, a labelled link
 * written `label: address`, ending with one line feed.
 *
 * @example
 * mailPlainText({ lang: 'en', title: 'Hi', paragraphs: [[['Hello,']]], footer: [[[{ href: 'https://x.example/u', label: 'Unsubscribe' }]]] });
 * // 'Hello,\n\nUnsubscribe: https://x.example/u\n'
 */
export function mailPlainText({ paragraphs, footer }: MailDocument): string {
  return `${[...paragraphs, ...footer].map((lines) => lines.map((line) => line.map(inlineText).join('')).join('\n')).join('\n\n')}\n`;
}

function inlineText(inline: MailInline): string {
  if (typeof inline === 'string') return inline;
  return inline.label ? `${inline.label}: ${inline.href}` : inline.href;
}
