import type { LocaleCatalog } from './catalogs/locale-catalog.js';
import { formatList } from './format-list.js';
import type { ShorterVersions } from './shorter-versions.js';

/**
 * Shorter ways to name the affected components, longest first: "Chat, API, and 1 more", …,
 * "3 services", then nothing. A list cut mid-name would read as a typo.
 *
 * @example
 * componentListVersions(['Chat', 'API', 'Login'], en, 'en').at(0); // 'Chat, API, and 1 more'
 */
export function componentListVersions(names: readonly string[], catalog: LocaleCatalog, locale: string): ShorterVersions {
  const shown = Math.max(0, names.length - 1);
  return {
    count: shown + (names.length > 1 ? 2 : 1),
    at(index) {
      const keep = shown - index;
      if (keep >= 1) return formatList([...names.slice(0, keep), catalog.moreComponents(names.length - keep)], locale);
      if (keep === 0 && names.length > 1) return catalog.componentCount(names.length);
      return '';
    },
  };
}
