import type { TokenPurpose } from '../../core/ports/subscription-tokens.js';
import type { Subscriber } from '../../core/subscribers/subscriber.js';
import type { ApiDependencies } from './api-dependencies.js';

/**
 * The subscriber a link's token names, when the token is ours, of this purpose, and of the
 * subscriber's current generation (a resubscribe raises it, revoking every older link); `undefined`
 * for anything else, which the routes answer 404 without saying which check failed.
 *
 * @example
 * const subscriber = await subscriberForToken(deps, query.token, 'manage');
 */
export async function subscriberForToken(deps: Pick<ApiDependencies, 'tokens' | 'subscribers'>, token: string, purpose: TokenPurpose): Promise<Subscriber | undefined> {
  const named = (await deps.tokens()).read(token, purpose);
  if (!named) return undefined;
  const subscriber = await deps.subscribers.get(named.subscriberId);
  return subscriber?.tokenGeneration === named.generation ? subscriber : undefined;
}
