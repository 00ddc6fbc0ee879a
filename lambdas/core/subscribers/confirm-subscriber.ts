import type { Subscriber } from './subscriber.js';

/** Whether a confirm link confirms, and the subscriber to write when that is a change. */
export type ConfirmOutcome = { confirmed: true; next?: Subscriber } | { confirmed: false };

/**
 * What following a confirm link does: a `pending` subscriber becomes `confirmed`; a `confirmed` one
 * stays as it is (confirming twice is fine). An `unsubscribed` or `suppressed` one is not confirmed:
 * a confirmation mail still lying in an inbox must not undo an unsubscribe or a bounce, so its link
 * reads as not valid, and subscribing again sends a new one.
 *
 * @example
 * confirmSubscriber(pending, now); // { confirmed: true, next: { …pending, state: 'confirmed', confirmedAt: now, version: 2 } }
 */
export function confirmSubscriber(subscriber: Subscriber, now: string): ConfirmOutcome {
  switch (subscriber.state) {
    case 'pending':
      return { confirmed: true, next: { ...subscriber, state: 'confirmed', confirmedAt: now, version: subscriber.version + 1 } };
    case 'confirmed':
      return { confirmed: true };
    case 'unsubscribed':
    case 'suppressed':
      return { confirmed: false };
  }
}
