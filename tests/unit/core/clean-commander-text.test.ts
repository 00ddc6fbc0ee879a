import { describe, expect, it } from 'vitest';
import { cleanCommanderText } from '../../../lambdas/core/validation/clean-commander-text.js';

const oneLine = (text: string) => cleanCommanderText(text, 'one-line');
const multiLine = (text: string) => cleanCommanderText(text, 'multi-line');

describe('cleaning a one-line text (a title)', () => {
  it.each([
    ['NUL', 'Chat\u0000 down', 'Chat down'],
    ['other C0 controls (BEL, BS, ESC)', 'Chat\u0007\u0008 \u001b[31mdown', 'Chat [31mdown'],
    ['DEL and C1 controls', 'Chat\u007f \u0080down\u009b', 'Chat down'],
    ['the bidi embeddings and overrides U+202A–U+202E', '\u202aChat\u202b \u202cdown\u202d \u202egnp.exe', 'Chat down gnp.exe'],
    ['the bidi isolates U+2066–U+2069', '\u2066Chat\u2067 \u2068down\u2069', 'Chat down'],
    ['zero width space, word joiner and invisible operators', 'sta\u200btus\u2060.nimbus\u2061\u2062\u2063\u2064.example', 'status.nimbus.example'],
    ['the deprecated format controls U+206A–U+206F', 'Chat\u206a\u206f down', 'Chat down'],
    ['the byte order mark anywhere', '\ufeffChat\ufeff down', 'Chat down'],
    ['interlinear annotation controls', 'Chat \ufff9down\ufffahidden\ufffb', 'Chat downhidden'],
    ['the noncharacters U+FFFE and U+FFFF', 'Chat\ufffe \uffffdown', 'Chat down'],
  ])('removes %s', (_class, text, cleaned) => {
    expect(oneLine(text)).toBe(cleaned);
  });

  it.each([
    ['CR LF', 'Chat\r\ndown'],
    ['LF', 'Chat\ndown'],
    ['CR', 'Chat\rdown'],
    ['VT and FF', 'Chat\u000b\u000cdown'],
    ['NEL', 'Chat\u0085down'],
    ['the line and paragraph separators', 'Chat\u2028\u2029down'],
    ['TAB', 'Chat\tdown'],
  ])('turns %s into one space', (_class, text) => {
    expect(oneLine(text)).toBe('Chat down');
  });

  it('folds runs of white space into one space and trims both ends', () => {
    expect(oneLine(' \u3000 Chat  \t and\u00a0\u00a0API \r\n down \u2003')).toBe('Chat and API down');
  });

  it('keeps a single no-break or ideographic space where it was typed', () => {
    expect(oneLine('10\u00a0% of calls\u3000fail')).toBe('10\u00a0% of calls\u3000fail');
  });

  it('keeps emoji whole: ZWJ sequences, skin tones, variation selectors, keycaps and subdivision flags', () => {
    const emoji = '👩🏽‍💻 ❤️ 🏳️‍🌈 1️⃣ 🏴󠁧󠁢󠁳󠁣󠁴󠁿 👨‍👩‍👧‍👦';
    expect(oneLine(`Chat is down ${emoji}`)).toBe(`Chat is down ${emoji}`);
  });

  it('keeps Indonesian, Arabic with its bidi marks, Persian with ZWNJ, Devanagari, Thai and Chinese as written', () => {
    const texts = [
      'Gangguan layanan: pesan tertunda di Jakarta',
      'انقطاع الخدمة\u200f (API)',
      'English \u200eand\u061c عربي',
      'می\u200cخواهیم',
      'क्षमा करें',
      'บริการขัดข้อง',
      '服务中断',
    ];
    for (const text of texts) expect(oneLine(text)).toBe(text);
  });

  it('composes to NFC, also where a removed character stood between a letter and its accent', () => {
    expect(oneLine('Cafe\u0301 down')).toBe('Café down');
    expect(oneLine('Cafe\u0000\u0301 down')).toBe('Café down');
  });

  it('replaces a lone surrogate, which no UTF-8 store or channel takes, with U+FFFD', () => {
    expect(oneLine('Chat \ud800 down \udfff')).toBe('Chat \ufffd down \ufffd');
  });

  it('keeps at most 30 combining marks in a row ("Zalgo" text), and a few as written', () => {
    expect(oneLine(`Z${'\u0301\u0316'.repeat(40)}algo`)).toBe(`Z${'\u0301\u0316'.repeat(15)}algo`.normalize('NFC'));
    expect(oneLine('Z̸̢̛a̵l̷g̶o̸')).toBe('Z̸̢̛a̵l̷g̶o̸'.normalize('NFC'));
  });

  it('answers an empty text for one of nothing visible', () => {
    expect(oneLine(' \u0000\u202e\u200b\ufeff\r\n\t\u2066 ')).toBe('');
  });
});

describe('cleaning a multi-line text (a message)', () => {
  it('keeps its line breaks, as \\n whatever the commander’s system sent', () => {
    expect(multiLine('Rolled back.\r\nWatching.\rNext update soon.\u2028Thanks.\u0085Bye.')).toBe('Rolled back.\nWatching.\nNext update soon.\nThanks.\nBye.');
  });

  it('keeps at most one blank line in a row and drops the spaces ending a line', () => {
    expect(multiLine('Rolled back.  \r\n \t \r\n\r\n\r\nWatching. \nNext:\u2029\u2029\u2029soon')).toBe('Rolled back.\n\nWatching.\nNext:\n\nsoon');
  });

  it('trims blank lines and spaces at both ends, and keeps the indent of a later line', () => {
    expect(multiLine('\r\n\r\n  Steps:\n  - roll back\n  - watch\n\n')).toBe('Steps:\n  - roll back\n  - watch');
  });

  it('removes controls, bidi controls and hiding invisible characters as a title does', () => {
    expect(multiLine('\ufeffWe\u0000 are\u202e on\u2067 it\u200b.\u0007\nMore\u0085soon.')).toBe('We are on it.\nMore\nsoon.');
  });

  it('turns a tab into a space', () => {
    expect(multiLine('Region:\teu-west-1')).toBe('Region: eu-west-1');
  });

  it('keeps emoji and ZWJ sequences whole', () => {
    expect(multiLine('Fixed 🎉\r\n👩🏽‍💻 on call')).toBe('Fixed 🎉\n👩🏽‍💻 on call');
  });
});

describe('cleaning a body-sized hostile text', () => {
  // 64 KiB of one character class: a regex that backtracks or a quadratic sort takes seconds here.
  it.each([
    ['spaces before a word', `${' '.repeat(64_000)}x`],
    ['tabs and line breaks', `${'\t \r\n'.repeat(16_000)}x`],
    ['one pile of combining marks', `a${'\u0301\u0316'.repeat(32_000)}`],
    ['lone surrogates', '\ud800'.repeat(64_000)],
  ])('takes well under a second for %s', (_kind, text) => {
    const started = performance.now();
    oneLine(text);
    multiLine(text);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
