import { fillTemplate } from './fill-template.js';
import { firstFitting } from './first-fitting.js';
import type { TemplatePart } from './parse-template.js';
import type { ShorterVersions } from './shorter-versions.js';

export interface Shrinkable {
  name: string;
  /** Built only if the value has to give way, since segmenting a long text is the costly part. */
  versions(): ShorterVersions;
}

export interface FitRequest {
  parts: readonly TemplatePart[];
  values: Readonly<Record<string, string>>;
  /** The placeholders that may be shortened, the first to give way first. */
  shrinkable: readonly Shrinkable[];
  /** Applied to every filled candidate before it is measured (white space, line breaks, leftovers of empty values). */
  tidy(text: string): string;
  fits(text: string): boolean;
  /** How far over its bound a text is, roughly in characters; lets the search start near the answer. */
  excess?(text: string): number;
}

/**
 * Fills a template so the result fits its channel: when it is too long, the first shrinkable value
 * is shortened just enough (at a word, with an ellipsis), and only if dropping it entirely is not
 * enough does the next one give way. `undefined` when even the fixed text does not fit.
 *
 * @example
 * fitTemplate({ parts, values, shrinkable: [{ name: 'message', versions }], tidy: (t) => t.trim(), fits: (t) => t.length <= 280 });
 */
export function fitTemplate({ parts, values, shrinkable, tidy, fits, excess }: FitRequest): string | undefined {
  const current: Record<string, string> = { ...values };
  const render = () => tidy(fillTemplate(parts, current));
  const whole = render();
  if (fits(whole)) return whole;
  let over = excess?.(whole);
  for (const { name, versions } of shrinkable) {
    const value = current[name];
    if (!value || !parts.some((part) => 'placeholder' in part && part.placeholder === name)) continue;
    const shorter = versions();
    const guess = over === undefined ? undefined : shorter.indexKeeping?.(value.length - over - 1);
    const fitting = firstFitting(shorter, (version) => fits(tidy(fillTemplate(parts, { ...current, [name]: version }))), guess);
    over = undefined;
    current[name] = fitting ?? '';
    if (fitting !== undefined) return render();
  }
  return undefined;
}
