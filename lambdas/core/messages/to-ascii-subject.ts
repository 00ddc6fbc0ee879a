import { transliterateToAscii } from './transliterate-to-ascii.js';

const sesSubjectLimit = 99;

/**
 * Turns any text into what SNS accepts as an email `Subject`: printable ASCII, one line, starting
 * with a letter, digit or punctuation mark, under 100 characters (cut at a word when it must be).
 * May return an empty string; the caller supplies a fallback.
 *
 * @example
 * toAsciiSubject('[Nimbus] Pemulihan — “Café” 🚀'); // '[Nimbus] Pemulihan - "Cafe"'
 */
export function toAsciiSubject(text: string): string {
  const ascii = transliterateToAscii(text);
  if (ascii.length <= sesSubjectLimit) return ascii;
  const cut = ascii.slice(0, sesSubjectLimit - 3);
  const atWord = cut.lastIndexOf(' ');
  return `${(atWord > 0 ? cut.slice(0, atWord) : cut).trimEnd()}...`;
}
