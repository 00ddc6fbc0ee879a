import * as z from 'zod/mini';
import './english-issues.js';
import { cleanCommanderText } from './clean-commander-text.js';
import type { TextLines } from './clean-commander-text.js';
import { countCodePoints } from './code-point-string.js';

/** A letter, digit, punctuation mark or symbol (emoji included): something a reader can see. */
const visible = /[\p{L}\p{N}\p{P}\p{S}]/u;

/**
 * A field a commander writes, parsed into what is stored and sent: cleaned by `cleanCommanderText`,
 * then checked on the cleaned text, so a text of spaces, controls or invisible characters alone is
 * refused and the 1–`max` code points docs/api.md promises hold for what readers get.
 * The check is an overwrite, not a transform: the OpenAPI document still shows a bounded string.
 *
 * @example
 * commanderText('one-line', 200).parse(' Chat\u202E down\r\n'); // 'Chat down'
 * commanderText('one-line', 200).safeParse('\u0000\u200B').success; // false
 */
export function commanderText(lines: TextLines, max: number) {
  return z
    .string()
    .check(
      z.overwrite((text) => cleanCommanderText(text, lines)),
      z.refine((text) => visible.test(text), {
        message: 'must hold visible text: control, bidi and invisible characters and the spaces at either end do not count',
      }),
      z.refine((text) => countCodePoints(text) <= max, { message: `must be at most ${max} characters` }),
      z.meta({ minLength: 1, maxLength: max }),
    );
}
