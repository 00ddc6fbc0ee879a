import type { ShorterVersions } from './shorter-versions.js';

/**
 * The longest version that passes `fits`, found by binary search (versions are longest first, and a
 * shorter one never weighs more), then checked; `undefined` when not even the empty one fits.
 *
 * @example
 * firstFitting(shorterVersions('a b c', 'en', '…'), (text) => text.length <= 2); // 'a…'
 * firstFitting(versions, fits, versions.indexKeeping?.(120)); // starts the search near 120 units
 */
export function firstFitting(versions: ShorterVersions, fits: (version: string) => boolean, guess?: number): string | undefined {
  let low = 0;
  let high = versions.count - 1;
  if (!fits(versions.at(high))) return undefined;
  // A good guess (from how far over the limit the text is) settles most searches in two measurements.
  if (guess !== undefined && guess > 0 && guess < high) {
    if (fits(versions.at(guess))) {
      if (!fits(versions.at(guess - 1))) return versions.at(guess);
      high = guess - 1;
    } else {
      low = guess + 1;
    }
  }
  while (low < high) {
    const middle = (low + high) >> 1;
    if (fits(versions.at(middle))) high = middle;
    else low = middle + 1;
  }
  // The weight of a prefix is monotone except around URLs and emoji joins; step down until it really fits.
  for (let index = low; index < versions.count; index++) {
    const version = versions.at(index);
    if (fits(version)) return version;
  }
  return undefined;
}
