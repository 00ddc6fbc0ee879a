// Letters that NFKD does not take apart but that have a customary ASCII spelling.
const spelledOut: Record<string, string> = {
  ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ł: 'l', Ł: 'L',
  þ: 'th', Þ: 'Th', ð: 'd', Ð: 'D', ı: 'i', ħ: 'h', Ħ: 'H',
  '‘': "'", '’': "'", '‚': "'", '‛': "'", '“': '"', '”': '"', '„': '"', '«': '"', '»': '"',
  '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '−': '-', '•': '-', '·': '-',
};
const spelledOutPattern = new RegExp(`[${Object.keys(spelledOut).join('')}]`, 'g');

/**
 * Printable ASCII on one line, whatever the input: accents dropped (NFKD, then the combining marks),
 * a few letters and punctuation spelled out, everything else non-ASCII removed, white space folded.
 * SNS refuses any other `Subject`.
 *
 * @example
 * transliterateToAscii('Ça déraille… 日本'); // 'Ca deraille...'
 */
export function transliterateToAscii(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(spelledOutPattern, (letter) => spelledOut[letter] ?? '')
    .replace(/\s+/g, ' ')
    .replace(/[^\x20-\x7E]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}
