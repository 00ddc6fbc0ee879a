import { cleanText } from './clean-text.js';

/**
 * Cleans text and folds every run of white space, line breaks included, into one space: X posts,
 * in-app items and subjects are read as one short paragraph.
 *
 * @example
 * toOneLine('  We are\n\non it. '); // 'We are on it.'
 */
export function toOneLine(text: string): string {
  return cleanText(text).replace(/\s+/g, ' ').trim();
}
