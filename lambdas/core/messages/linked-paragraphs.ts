import type { MailInline, MailParagraph } from './mail-document.js';

// What may stand right before a link in running text, and all that may follow it up to the next
// space (closing punctuation), so that "https://a.example" is not linked inside "xhttps://a.example",
// "https://a.example/x" or "https://a.example.evil.example", yet is at the end of a sentence.
const before = /[\s(\[<"'“‘«]/u;
const after = /^[.,;:!?)\]>"'”’»]*(?:\s|$)/u;

/**
 * A plain-text body as paragraphs of lines, with every standalone occurrence of `url` (the status
 * page, wherever the template put it) made a link, its address as its text. Nothing else becomes a
 * link: any other URL the commander typed stays text, so no input decides where a link in our mail points.
 *
 * @example
 * linkedParagraphs('Hello,\n\nMore on our status page:\nhttps://status.example', 'https://status.example');
 * // [[['Hello,']], [['More on our status page:'], [{ href: 'https://status.example' }]]]
 */
export function linkedParagraphs(text: string, url: string): MailParagraph[] {
  const body = text.trim();
  if (!body) return [];
  return body.split(/\n{2,}/).map((paragraph) => paragraph.split('\n').map((line) => linkedLine(line, url)));
}

function linkedLine(line: string, url: string): MailInline[] {
  const inlines: MailInline[] = [];
  let from = 0;
  let at = url ? line.indexOf(url) : -1;
  while (at !== -1) {
    const end = at + url.length;
    const standalone = (at === 0 || before.test(line[at - 1] ?? '')) && after.test(line.slice(end));
    if (standalone) {
      if (at > from) inlines.push(line.slice(from, at));
      inlines.push({ href: url });
      from = end;
    }
    at = line.indexOf(url, standalone ? end : at + 1);
  }
  if (from < line.length || inlines.length === 0) inlines.push(line.slice(from));
  return inlines;
}
