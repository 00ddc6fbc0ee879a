import { countCodePoints } from '../validation/code-point-string.js';
import { emailSubjectLimit } from './email-subject-limit.js';
import { firstFitting } from './first-fitting.js';
import { shorterVersions } from './shorter-versions.js';
import { toOneLine } from './to-one-line.js';

/**
 * Any text as an email subject: one line, no control character, at most 150 code points, cut at a
 * word with the catalog's ellipsis when longer. Empty only when the text is (the caller falls back).
 *
 * @example
 * boundedSubject('Konfirmasi langganan\ninformasi gangguan', 'id', '…'); // 'Konfirmasi langganan informasi gangguan'
 */
export function boundedSubject(text: string, locale: string, ellipsis: string): string {
  const line = toOneLine(text);
  if (countCodePoints(line) <= emailSubjectLimit) return line;
  return firstFitting(shorterVersions(line, locale, ellipsis), (version) => countCodePoints(version) <= emailSubjectLimit) ?? '';
}
