import { maskAddress } from '../email/mask-address.js';
import type { Subscriber } from './subscriber.js';
import type { PreferencesAnswer } from './subscription-schemas.js';

/**
 * What a preferences link shows: the address masked (a forwarded link leaks little), the choices,
 * and the state, so the page can say when the address is unsubscribed.
 *
 * @example
 * presentPreferences(subscriber); // { email: 'a***@example.com', locale: 'id', components: [], timeZone: 'Asia/Jakarta', state: 'confirmed' }
 */
export function presentPreferences(subscriber: Subscriber): PreferencesAnswer {
  return {
    email: maskAddress(subscriber.email),
    locale: subscriber.locale,
    components: subscriber.components,
    timeZone: subscriber.timeZone,
    state: subscriber.state,
  };
}
