import { en } from './en.js';
import { id } from './id.js';
import type { LocaleCatalog } from './locale-catalog.js';

const catalogs = new Map<string, LocaleCatalog>([
  ['en', en],
  ['id', id],
]);

/**
 * The catalog for a configured locale: the exact tag, else its language (`en-GB` → `en`), else English,
 * so a locale without shipped texts still gets a readable message (operator templates can replace it).
 *
 * @example
 * catalogForLocale('id-ID').language; // 'id'
 */
export function catalogForLocale(locale: string): LocaleCatalog {
  return catalogs.get(locale) ?? catalogs.get(locale.split('-')[0] ?? '') ?? en;
}
