import type { LocaleCatalog } from './catalogs/locale-catalog.js';

/**
 * The locale `Intl` formats in (dates, lists, word boundaries) and the HTML `lang` of a mail: the
 * configured locale when the catalog is written in its language, else the catalog's language, so a
 * `pt-BR` mail written with the English fallback does not print Portuguese month names in English sentences.
 *
 * @example
 * intlLocaleFor('id-ID', id); // 'id-ID'
 * intlLocaleFor('pt-BR', en); // 'en'
 */
export function intlLocaleFor(locale: string, catalog: LocaleCatalog): string {
  return locale.split('-')[0] === catalog.language ? locale : catalog.language;
}
