import type { Subscriber } from './subscriber.js';
import type { SubscriberAnswer } from './subscription-schemas.js';

/**
 * A row of the commanders' export: the address in full, the choices, the state and its dates; never
 * the token generation, the version or the resend bookkeeping.
 *
 * @example
 * presentSubscriber(subscriber); // { id, email, locale, components, timeZone, state, createdAt, confirmedAt? , reason? }
 */
export function presentSubscriber(subscriber: Subscriber): SubscriberAnswer {
  return {
    id: subscriber.id,
    email: subscriber.email,
    locale: subscriber.locale,
    components: subscriber.components,
    timeZone: subscriber.timeZone,
    state: subscriber.state,
    createdAt: subscriber.createdAt,
    ...(subscriber.confirmedAt === undefined ? {} : { confirmedAt: subscriber.confirmedAt }),
    ...(subscriber.reason === undefined ? {} : { reason: subscriber.reason }),
  };
}
