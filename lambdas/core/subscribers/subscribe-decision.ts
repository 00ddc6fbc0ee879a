import type { SubscribeInput } from './subscription-schemas.js';
import { newSubscriber } from './new-subscriber.js';
import type { Subscriber } from './subscriber.js';
import type { DecisionContext, SubscriberChange } from './subscriber-change.js';
import { subscriberPreferences } from './subscriber-preferences.js';

/** A pending address gets its confirmation again at most this often (API.md: once per 10 minutes). */
export const confirmationResendMs = 10 * 60_000;

/** A confirmed address that subscribes again gets its preferences link at most this often (once per 24 h). */
export const preferencesMailIntervalMs = 24 * 60 * 60_000;

/**
 * What `POST /v1/subscriptions` does to the list; the answer is 202 whatever this decides, so the
 * route never tells who is on the list.
 *
 * - unknown address: stored `pending`, with a confirmation mail request;
 * - `unsubscribed`: back to `pending` with the new preferences and a new token generation (the old
 *   links stay dead), with a confirmation mail request;
 * - `pending`: the confirmation again, only when the last one was asked for 10 minutes ago or more;
 *   the preferences are not changed by a repeat (anyone may post any address);
 * - `confirmed`: nothing changes; a mail with the preferences link at most once per 24 hours;
 * - `suppressed` (bounced or complained): nothing at all.
 *
 * `undefined` means nothing is written.
 *
 * @example
 * const change = decideSubscribe(await subscribers.findByEmail(email), body, { now, ids, config });
 * if (change) await write(change);
 */
export function decideSubscribe(existing: Subscriber | undefined, input: SubscribeInput, context: DecisionContext): SubscriberChange | undefined {
  if (existing === undefined) return newSubscriber(input, 'pending', context);
  const { now, ids } = context;
  const since = (earlier: string | undefined) => (earlier === undefined ? Number.POSITIVE_INFINITY : Date.parse(now) - Date.parse(earlier));
  const save = (subscriber: Subscriber, mail: 'confirmation' | 'preferences'): SubscriberChange => ({
    kind: 'save',
    subscriber,
    expectedVersion: existing.version,
    mail: { id: ids.mailRequestId(), subscriberId: existing.id, mail, requestedAt: now },
  });

  switch (existing.state) {
    case 'unsubscribed': {
      const { confirmedAt: _confirmedAt, unsubscribedAt: _unsubscribedAt, reason: _reason, ...kept } = existing;
      return save(
        {
          ...kept,
          ...subscriberPreferences(input, context.config),
          state: 'pending',
          confirmationRequestedAt: now,
          tokenGeneration: existing.tokenGeneration + 1,
          version: existing.version + 1,
        },
        'confirmation',
      );
    }
    case 'pending':
      if (since(existing.confirmationRequestedAt) < confirmationResendMs) return undefined;
      return save({ ...existing, confirmationRequestedAt: now, version: existing.version + 1 }, 'confirmation');
    case 'confirmed':
      if (since(existing.preferencesMailRequestedAt) < preferencesMailIntervalMs) return undefined;
      return save({ ...existing, preferencesMailRequestedAt: now, version: existing.version + 1 }, 'preferences');
    case 'suppressed':
      return undefined;
  }
}
