import type { SubscriberStore } from '../../core/ports/subscriber-store.js';
import type { SubscriberChange } from '../../core/subscribers/subscriber-change.js';

/**
 * Writes a decided change, conditionally: `false` when another request took the address or changed
 * the subscriber first, and the decision has to be made again from a fresh read.
 *
 * @example
 * if (change && !(await writeSubscriberChange(deps.subscribers, change))) continue; // lost the race
 */
export function writeSubscriberChange(subscribers: SubscriberStore, change: SubscriberChange): Promise<boolean> {
  return change.kind === 'create' ? subscribers.create(change.subscriber, change.mail) : subscribers.save(change.subscriber, change.expectedVersion, change.mail);
}
