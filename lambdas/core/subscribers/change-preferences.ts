import type { Subscriber } from './subscriber.js';
import type { Preferences } from './subscriber-preferences.js';

/**
 * A subscriber with the locale, components or time zone a preferences request names; what it leaves
 * out stays. `undefined` when nothing differs (nothing to write). The state is untouched: changing
 * preferences neither confirms nor resubscribes. A new locale moves a confirmed subscriber to that
 * locale's audience, which the store's index follows.
 *
 * @example
 * changePreferences(subscriber, { locale: 'id' }); // { …subscriber, locale: 'id', version: subscriber.version + 1 }
 */
export function changePreferences(subscriber: Subscriber, change: Partial<Preferences>): Subscriber | undefined {
  const next = {
    locale: change.locale ?? subscriber.locale,
    components: change.components ?? subscriber.components,
    timeZone: change.timeZone ?? subscriber.timeZone,
  };
  const same =
    next.locale === subscriber.locale &&
    next.timeZone === subscriber.timeZone &&
    next.components.length === subscriber.components.length &&
    next.components.every((component) => subscriber.components.includes(component));
  return same ? undefined : { ...subscriber, ...next, version: subscriber.version + 1 };
}
