import { segmenterFor } from './segmenter-for.js';

/** Ever shorter forms of a value, longest first; the last is always the empty string. */
export interface ShorterVersions {
  count: number;
  at(index: number): string;
  /** The index of the longest version that keeps at most `length` UTF-16 units of the original: a search's first guess. */
  indexKeeping?(length: number): number;
}

// Scripts written without spaces between words: there a "word boundary" is the dictionary
// boundary that Intl.Segmenter finds, elsewhere it is white space (so a URL is never cut open).
const unspacedScript = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const danglingTail = /[\s,;:.!?\-–—(\[{"'“‘«]+$/u;
// No field holds more than 500 code points, so the grapheme fallback never needs to look further.
const graphemeWindow = 1200;

/**
 * Shortenings of `text` cut at word boundaries, each ending in `ellipsis`, longest first. When not even
 * the first word fits, the cuts fall back to grapheme boundaries, so an emoji or an accented letter
 * is never split.
 *
 * @example
 * const versions = shorterVersions('We are adding capacity', 'en', '…');
 * versions.at(0); // 'We are adding…'
 * versions.at(versions.count - 1); // ''
 */
export function shorterVersions(text: string, locale: string, ellipsis: string): ShorterVersions {
  const cuts = wordCuts(text, locale);
  const firstCut = cuts.length > 0 ? Math.min(...cuts) : text.length;
  const allCuts = [...cuts.sort((a, b) => b - a), ...graphemeCuts(text.slice(0, Math.min(firstCut, graphemeWindow)), locale)];
  return {
    count: allCuts.length + 1,
    indexKeeping(length) {
      const index = allCuts.findIndex((cut) => cut <= length);
      return index === -1 ? allCuts.length : index;
    },
    at(index) {
      const cut = allCuts[index];
      if (cut === undefined) return '';
      const kept = text.slice(0, cut).replace(danglingTail, '');
      return kept ? kept + ellipsis : '';
    },
  };
}

function wordCuts(text: string, locale: string): number[] {
  const cuts = new Set<number>();
  for (const space of text.matchAll(/\s+/g)) if (space.index > 0) cuts.add(space.index);
  if (unspacedScript.test(text)) {
    let previous = '';
    for (const { segment, index } of segmenterFor(locale, 'word').segment(text)) {
      if (index > 0 && (unspacedScript.test(segment) || unspacedScript.test(previous))) cuts.add(index);
      previous = segment;
    }
  }
  cuts.delete(text.length);
  return [...cuts];
}

function graphemeCuts(head: string, locale: string): number[] {
  const cuts: number[] = [];
  for (const { index } of segmenterFor(locale, 'grapheme').segment(head)) if (index > 0) cuts.push(index);
  return cuts.reverse();
}
