import type { Impact } from './vocabulary.js';

/** How far ahead a commander may promise the next update: no sooner than 5 minutes, no later than a day. */
export const promiseMinutes = { min: 5, max: 1440 } as const;

/**
 * The promise an incident makes when the commander names none: the worse the impact, the sooner
 * customers hear again. An incident without impact promises nothing.
 */
export const defaultCadenceMinutes: Record<Impact, number | null> = {
  none: null,
  minor: 120,
  major: 60,
  critical: 30,
};

/**
 * When the next update is due: the commander's minutes when the request names them (`null`: no
 * promise), else the configured cadence for the impact; a resolved incident promises nothing.
 *
 * @example
 * nextUpdateBy({ requested: undefined, impact: 'critical', resolved: false, at: '2024-12-11T23:16:00.000Z', cadence }); // '2024-12-11T23:46:00.000Z'
 */
export function nextUpdateBy(promise: {
  requested: number | null | undefined;
  impact: Impact;
  resolved: boolean;
  at: string;
  cadence: Record<Impact, number | null>;
}): string | null {
  if (promise.resolved) return null;
  const minutes = promise.requested === undefined ? promise.cadence[promise.impact] : promise.requested;
  if (minutes === null) return null;
  return new Date(Date.parse(promise.at) + minutes * 60_000).toISOString();
}
