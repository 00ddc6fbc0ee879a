import type { TokenPurpose } from '../../core/ports/subscription-tokens.js';
import type { Subscriber } from '../../core/subscribers/subscriber.js';
import type { ApiDependencies } from './api-dependencies.js';
import { HttpProblem } from './problem.js';
import { subscriberForToken } from './subscriber-for-token.js';

/** Reads and decides again this often when another request changed the subscriber in between. */
const attempts = 5;

/**
 * Applies a decision to the subscriber a token names: reads it, lets `decide` compute the next
 * version (or none, when nothing changes), and saves it only if no other request changed it since
 * the read; otherwise reads and decides again. Answers the subscriber as stored afterwards with what
 * `decide` said, or `undefined` for a token that names no current subscriber.
 *
 * @example
 * const done = await changeTokenHolder(deps, token, 'manage', (subscriber) => ({ next: unsubscribeSubscriber(subscriber, now, 'one-click'), answer: true }));
 */
export async function changeTokenHolder<Answer>(
  deps: Pick<ApiDependencies, 'tokens' | 'subscribers'>,
  token: string,
  purpose: TokenPurpose,
  decide: (subscriber: Subscriber) => { next?: Subscriber; answer: Answer },
): Promise<{ subscriber: Subscriber; answer: Answer } | undefined> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const subscriber = await subscriberForToken(deps, token, purpose);
    if (!subscriber) return undefined;
    const { next, answer } = decide(subscriber);
    if (!next) return { subscriber, answer };
    if (await deps.subscribers.save(next, subscriber.version)) return { subscriber: next, answer };
  }
  throw new HttpProblem(409, 'concurrent-update', `the subscription kept changing while this request was applied (${attempts} times); retry`);
}
