import type { Subscriber } from './subscriber.js';

/**
 * The subscriber after a hard bounce or a complaint: suppressed for good (it leaves the audience and
 * is mailed nothing again); `undefined` when it already is. Its links keep working, so the owner of a
 * complaining address can still see where it stands.
 *
 * @example
 * suppressSubscriber(subscriber, 'bounced', now)?.state; // 'suppressed'
 */
export function suppressSubscriber(subscriber: Subscriber, reason: 'bounced' | 'complained', now: string): Subscriber | undefined {
  if (subscriber.state === 'suppressed') return undefined;
  return {
    ...subscriber,
    state: 'suppressed',
    suppressedAt: now,
    reason,
    version: subscriber.version + 1,
  };
}
