import type { ApiEvent } from './http.js';

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

/**
 * Whether the client's `Accept` ranks JSON above HTML, for the links people open in a browser that
 * scripts may call too. A browser's `text/html,…,*\/*;q=0.8`, a bare `*\/*` and no `Accept` at all
 * get HTML; `application/json` (or `application/problem+json`) gets JSON. Each type takes the q of
 * the most specific range that names it (RFC 9110, section 12.5.1); a malformed header reads as none.
 *
 * @example
 * prefersJson(anApiEvent({ path: '/v1/subscriptions/confirm', headers: { accept: 'application/json' } })); // true
 */
export function prefersJson(event: ApiEvent): boolean {
  const ranges = parseAccept(event.headers['accept'] ?? '');
  return quality(ranges, 'application', 'json') > quality(ranges, 'text', 'html');
}

function parseAccept(header: string): MediaRange[] {
  return header.split(',').flatMap((part) => {
    const [range = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const [type, subtype] = range.split('/');
    if (!type || !subtype) return [];
    const qParameter = parameters.find((parameter) => parameter.startsWith('q='));
    const q = qParameter === undefined ? 1 : Number(qParameter.slice(2));
    return Number.isFinite(q) && q >= 0 && q <= 1 ? [{ type, subtype, q }] : [];
  });
}

function quality(ranges: readonly MediaRange[], type: string, subtype: string): number {
  if (ranges.length === 0) return type === 'text' ? 1 : 0;
  const specificity = (range: MediaRange) =>
    range.type === type && (range.subtype === subtype || range.subtype.endsWith(`+${subtype}`)) ? 3 : range.type === type && range.subtype === '*' ? 2 : range.type === '*' ? 1 : 0;
  const best = ranges.reduce<MediaRange | undefined>((chosen, range) => {
    const score = specificity(range);
    if (score === 0) return chosen;
    if (!chosen || score > specificity(chosen) || (score === specificity(chosen) && range.q > chosen.q)) return range;
    return chosen;
  }, undefined);
  return best?.q ?? 0;
}
