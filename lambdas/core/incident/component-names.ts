import type { Config } from '../config/config-schema.js';
import { textFor, textsByLocale } from '../config/localized-text.js';

/**
 * How answers name a configured component: `name` in the default locale (what clients written
 * before names were localized read) and `names` in every configured locale.
 *
 * @example
 * componentNames({ id: 'video', name: { en: 'Video generation', id: 'Pembuatan video' } }, config);
 * // { id: 'video', name: 'Video generation', names: { en: 'Video generation', id: 'Pembuatan video' } }
 */
export function componentNames(component: Config['components'][number], config: Pick<Config, 'locales' | 'defaultLocale'>) {
  return {
    id: component.id,
    name: textFor(component.name, config.defaultLocale, config.defaultLocale),
    names: textsByLocale(component.name, config.locales, config.defaultLocale),
  };
}
