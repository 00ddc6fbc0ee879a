import type { Config } from '../config/config-schema.js';
import type { Subscriber } from './subscriber.js';

export type Preferences = Pick<Subscriber, 'locale' | 'components' | 'timeZone'>;

/**
 * A subscriber's locale, components and time zone from what a request gave, the rest defaulted: the
 * default locale, every component (an empty list), and the locale's configured time zone, else UTC.
 *
 * @example
 * subscriberPreferences({ locale: 'id' }, config); // { locale: 'id', components: [], timeZone: 'Asia/Jakarta' }
 */
export function subscriberPreferences(input: Partial<Preferences>, config: Config): Preferences {
  const locale = input.locale ?? config.defaultLocale;
  return {
    locale,
    components: input.components ?? [],
    timeZone: input.timeZone ?? config.timeZones[locale] ?? 'UTC',
  };
}
