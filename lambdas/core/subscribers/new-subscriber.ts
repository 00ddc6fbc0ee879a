import { normalizeAddress } from '../email/normalize-address.js';
import type { Preferences } from './subscriber-preferences.js';
import { subscriberPreferences } from './subscriber-preferences.js';
import type { DecisionContext, SubscriberChange } from './subscriber-change.js';

/**
 * A subscriber not yet on the list, as a `create`: `pending` with a confirmation mail request (the
 * double opt-in), or `confirmed` straight away when an operator attests an earlier opt-in (an
 * import), with no mail at all.
 *
 * @example
 * newSubscriber({ email: 'ana@example.com', locale: 'id' }, 'pending', { now, ids, config });
 * // { kind: 'create', subscriber: { state: 'pending', … }, mail: { mail: 'confirmation', … } }
 */
export function newSubscriber(
  input: { email: string } & Partial<Preferences>,
  state: 'pending' | 'confirmed',
  { now, ids, config }: DecisionContext,
): Extract<SubscriberChange, { kind: 'create' }> {
  const id = ids.subscriberId();
  const base = {
    id,
    email: normalizeAddress(input.email),
    ...subscriberPreferences(input, config),
    createdAt: now,
    tokenGeneration: 0,
    version: 1,
  };
  if (state === 'confirmed') return { kind: 'create', subscriber: { ...base, state, confirmedAt: now } };
  return {
    kind: 'create',
    subscriber: { ...base, state, confirmationRequestedAt: now },
    mail: { id: ids.mailRequestId(), subscriberId: id, mail: 'confirmation', requestedAt: now },
  };
}
