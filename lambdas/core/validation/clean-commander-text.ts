/** Whether a field is one line (a title) or may hold line breaks (a message). */
export type TextLines = 'one-line' | 'multi-line';

// Lone surrogates cannot be encoded as UTF-8: DynamoDB, SNS and X would refuse or mangle the text.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Unicode's mandatory line breaks (UAX #14): CR LF, LF, VT, FF, CR, NEL, LINE and PARAGRAPH SEPARATOR.
const lineBreak = /\r\n|[\n\v\f\r\u0085\u2028\u2029]/g;

// Removed because a reader must never receive them from a commander:
// - C0 controls (NUL, ESC, …), DEL and C1 controls: invisible; they cut strings in C code and mail
//   headers and carry terminal escapes into logs. (TAB and the line breaks are mapped before.)
// - Bidi embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069): they reorder what
//   follows, so a title can read other than it is written, and one left open leaks into the link
//   or the template text the channels put after the commander's words.
// - Zero width space (U+200B), word joiner and invisible operators (U+2060–U+2064), the deprecated
//   format controls (U+206A–U+206F) and the byte order mark (U+FEFF): invisible, they hide text
//   inside words and links and make two different texts look the same. Line wrapping needs none of
//   them: the renderers find word boundaries with Intl.Segmenter.
// - Interlinear annotation controls (U+FFF9–U+FFFB): a renderer may hide the annotated text.
// - The noncharacters U+FFFE and U+FFFF: X refuses a post holding them.
// Kept on purpose: ZWJ (U+200D: emoji sequences, Indic conjuncts), ZWNJ (U+200C: Persian and Indic
// spelling), variation selectors and tag characters (emoji presentation, subdivision flags), and the
// bidi marks LRM, RLM and ALM (U+200E, U+200F, U+061C). Right-to-left writers need the marks to
// place punctuation and digits; unlike an override, a mark opens nothing that can leak and cannot
// reverse a run of letters.
const unwanted = /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F\u200B\u202A-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB\uFFFE\uFFFF]/g;

// No writing system stacks more than 30 combining marks on one letter (the bound of Unicode's
// Stream-Safe Text Format, UAX #15); longer piles are "Zalgo" text that spills over the lines
// around it, and NFC sorts each pile in quadratic time (a 64 KiB body of one pile takes seconds).
const markPileUp = /(\p{M}{30})\p{M}+/gu;

/**
 * A commander's text as it is stored and shown: NFC, no control, bidi-override or hiding invisible
 * character, at most 30 combining marks in a row, no white space at either end. A `one-line` text
 * has every line break and tab turned into a space and every run of white space folded into one; a
 * `multi-line` text keeps its line breaks as `\n`, drops white space at the end of each line and
 * keeps at most one blank line in a row. Never throws; may answer `''` (a text of nothing visible),
 * which the schemas then refuse.
 *
 * @example
 * cleanCommanderText('Chat\u202E down\r\n\u0000', 'one-line'); // 'Chat down'
 * cleanCommanderText('Rolled back.\r\n\r\n\r\nWatching. ', 'multi-line'); // 'Rolled back.\n\nWatching.'
 */
export function cleanCommanderText(text: string, lines: TextLines): string {
  const cleaned = text
    .replace(loneSurrogate, '\uFFFD')
    .replace(lineBreak, lines === 'one-line' ? ' ' : '\n')
    .replace(/\t/g, ' ')
    .replace(unwanted, '')
    .replace(markPileUp, '$1')
    // After the removals: a combining mark that followed a removed character now meets its base.
    .normalize('NFC');
  if (lines === 'one-line') return cleaned.replace(/\s{2,}/g, ' ').trim();
  // trimEnd per line, not /[^\S\n]+$/gm: that regex backtracks through every run of spaces that
  // does not end a line, quadratic in a 64 KiB body of spaces.
  return cleaned
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
