import { firstFitting } from '../messages/first-fitting.js';
import { shorterVersions } from '../messages/shorter-versions.js';

export interface FitEscapedOptions {
  /** Makes the text safe for the service; what it adds counts against the limit. */
  escape: (text: string) => string;
  /** The service's limit, in UTF-16 code units: never less than the characters it counts, however it counts them. */
  limit: number;
  locale: string;
  ellipsis: string;
}

/**
 * `text` escaped, shortened at a word (else a grapheme) boundary with an ellipsis when the escaped
 * text would pass the limit, so a title of ampersands or emoji still fits a chat service's field.
 *
 * @example
 * fitEscaped('R&D is down', { escape: escapeSlackText, limit: 10, locale: 'en', ellipsis: '…' }); // 'R&amp;D…'
 */
export function fitEscaped(text: string, { escape, limit, locale, ellipsis }: FitEscapedOptions): string {
  const escaped = escape(text);
  if (escaped.length <= limit) return escaped;
  return escape(firstFitting(shorterVersions(text, locale, ellipsis), (version) => escape(version).length <= limit) ?? '');
}
