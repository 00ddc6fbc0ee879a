import { escapeHtml } from './escape-html.js';
import type { MailDocument, MailInline, MailParagraph } from './mail-document.js';

// Email clients drop linked style sheets and many drop <style> rules, so every style is inline; the
// one <style> block holds only the dark-mode rules, which cannot be inline (`!important` so they beat
// the inline light colours). A client that strips the block applies its own dark-mode inversion to
// the light colours, which then still contrast. Every pair below is at least 4.5:1 (WCAG AA); the
// body text is over 13:1 in both schemes.
const light = { page: '#f3f4f6', card: '#ffffff', text: '#1f2328', muted: '#4b5563', link: '#0b57d0', rule: '#d0d7de' };
const dark = { page: '#121418', card: '#1b1e24', text: '#e6e8eb', muted: '#b4bac2', link: '#8ab4f8', rule: '#3a3f47' };

const fonts = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const style = {
  body: `margin:0;padding:0;background-color:${light.page};-webkit-text-size-adjust:100%;`,
  page: `margin:0;padding:24px 12px;background-color:${light.page};`,
  // Long URLs and unbroken CJK lines must wrap on a phone rather than widen the mail.
  card: `max-width:600px;margin:0 auto;padding:24px;background-color:${light.card};color:${light.text};border:1px solid ${light.rule};border-radius:8px;font-family:${fonts};font-size:16px;line-height:1.5;overflow-wrap:anywhere;word-break:break-word;`,
  paragraph: 'margin:0 0 16px 0;',
  footer: `margin:24px 0 0 0;padding-top:16px;border-top:1px solid ${light.rule};color:${light.muted};font-size:13px;line-height:1.5;`,
  footerParagraph: 'margin:0 0 8px 0;',
  link: `color:${light.link};text-decoration:underline;`,
};
const darkMode = [
  '@media (prefers-color-scheme: dark) {',
  `  .ic-page { background-color: ${dark.page} !important; }`,
  `  .ic-card { background-color: ${dark.card} !important; color: ${dark.text} !important; border-color: ${dark.rule} !important; }`,
  `  .ic-footer { color: ${dark.muted} !important; border-color: ${dark.rule} !important; }`,
  `  .ic-link { color: ${dark.link} !important; }`,
  '}',
].join('\n');

// Only web links are written as links: nothing that reaches an href can run script or open an app.
const webLink = /^https?:\/\//i;

/**
 * The HTML part of a mail: a complete document with the same words as the text part, built only from
 * escaped text (every word, name, URL and link goes through escapeHtml; the markup is all fixed
 * here). Light and dark colour schemes, inline styles, no images, no scripts, and the container marked
 * up as an article (`role="article"`, `aria-roledescription="email"`) so a screen reader announces
 * where the mail begins.
 *
 * @example
 * emailHtmlDocument({ lang: 'en', title: 'Resolved', paragraphs: [[['Hello,']]], footer: [] });
 * // '<!doctype html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">…'
 */
export function emailHtmlDocument({ lang, title, paragraphs, footer }: MailDocument): string {
  const language = escapeHtml(lang);
  const subject = escapeHtml(title);
  return [
    '<!doctype html>',
    // Every shipped catalog is written left to right, and a locale without texts falls back to English.
    `<html lang="${language}" dir="ltr">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    '<meta name="supported-color-schemes" content="light dark">',
    `<title>${subject}</title>`,
    `<style>\n${darkMode}\n</style>`,
    '</head>',
    `<body class="ic-page" style="${style.body}">`,
    `<div role="article" aria-roledescription="email" aria-label="${subject}" lang="${language}" dir="ltr" class="ic-page" style="${style.page}">`,
    `<div class="ic-card" style="${style.card}">`,
    ...paragraphs.map((lines) => paragraphHtml(lines, style.paragraph)),
    ...(footer.length > 0
      ? [`<div class="ic-footer" style="${style.footer}">`, ...footer.map((lines) => paragraphHtml(lines, style.footerParagraph)), '</div>']
      : []),
    '</div>',
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function paragraphHtml(lines: MailParagraph, paragraphStyle: string): string {
  return `<p style="${paragraphStyle}">${lines.map((line) => line.map(inlineHtml).join('')).join('<br>\n')}</p>`;
}

function inlineHtml(inline: MailInline): string {
  if (typeof inline === 'string') return escapeHtml(inline);
  const { href, label } = inline;
  // The text part writes "label: address"; anything not a web address is shown the same way, unlinked.
  if (!webLink.test(href)) return escapeHtml(label ? `${label}: ${href}` : href);
  return `<a class="ic-link" href="${escapeHtml(href)}" style="${style.link}">${escapeHtml(label ?? href)}</a>`;
}
