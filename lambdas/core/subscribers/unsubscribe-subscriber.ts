import type { Subscriber } from './subscriber.js';

/**
 * What an unsubscribe does: a `pending` or `confirmed` subscriber becomes `unsubscribed`, with when
 * and why. `undefined` (nothing to write) for one already out: unsubscribing twice is fine, and a
 * `suppressed` address stays suppressed (it must never be mailed again, even if it subscribes).
 * The token generation is kept, so the same link still answers "you are unsubscribed".
 *
 * @example
 * unsubscribeSubscriber(confirmed, now, 'one-click'); // { …confirmed, state: 'unsubscribed', unsubscribedAt: now, reason: 'one-click', version: 3 }
 */
export function unsubscribeSubscriber(subscriber: Subscriber, now: string, reason: string): Subscriber | undefined {
  if (subscriber.state === 'unsubscribed' || subscriber.state === 'suppressed') return undefined;
  return { ...subscriber, state: 'unsubscribed', unsubscribedAt: now, reason, version: subscriber.version + 1 };
}
