import { newSubscriber } from './new-subscriber.js';
import type { DecisionContext, SubscriberChange } from './subscriber-change.js';
import type { SubscribeInput } from './subscription-schemas.js';

/**
 * What importing one address writes: a new subscriber, `confirmed` straight away when the operator
 * attests an earlier opt-in (`confirmed: true`, no mail), else `pending` with a confirmation mail
 * request, like a subscribe. It is always a `create`, so the store refuses it for an address already
 * on the list, which stays exactly as it is, whatever its state: an import never resubscribes
 * someone who left, un-suppresses a bounce or changes preferences, and importing a list twice
 * changes nothing.
 *
 * @example
 * const added = await subscribers.create(...Object.values(decideImport({ email: 'ana@example.com' }, true, { now, ids, config })));
 */
export function decideImport(entry: SubscribeInput, confirmed: boolean, context: DecisionContext): Extract<SubscriberChange, { kind: 'create' }> {
  return newSubscriber(entry, confirmed ? 'confirmed' : 'pending', context);
}
