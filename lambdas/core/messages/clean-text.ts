// Lone surrogates cannot be encoded as UTF-8 (SNS and X would reject the whole message).
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Control characters other than line feed and tab; X also refuses U+FFFE, U+FEFF and U+FFFF
// (twitter-text marks a post holding them invalid), and the old bidi embeddings (U+202A–U+202E)
// can leak their direction into the status link that follows the commander's words.
const unwanted = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\uFFFE\uFEFF\uFFFF]/g;

/**
 * Makes any text safe to send: well-formed UTF-16, NFC (as X counts it), `\n` line ends, no
 * control or X-invalid characters. Never throws.
 *
 * @example
 * cleanText('a\r\nb\u0000'); // 'a\nb'
 */
export function cleanText(text: string): string {
  return text
    .replace(loneSurrogate, '\uFFFD')
    .normalize('NFC')
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/\t/g, ' ')
    .replace(unwanted, '');
}
