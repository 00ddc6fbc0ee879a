import type { SubscriptionTokens } from '../ports/subscription-tokens.js';
import type { Subscriber } from './subscriber.js';

/** The links a subscriber's mails carry; each holds a token good for that one purpose. */
export interface SubscriptionLinks {
  /** Confirms a pending subscription (the confirmation mail only). */
  confirm: string;
  /** The one-click unsubscribe target (RFC 8058) and the "Unsubscribe" page. */
  unsubscribe: string;
  /** The page where the subscriber changes locale, components and time zone. */
  preferences: string;
}

/**
 * Every link of a subscriber, on the public base URL (the status page's origin deployed, the local
 * server locally). Confirm links carry a confirm token; unsubscribe and preferences links the
 * manage token of the subscriber's current generation.
 *
 * @example
 * subscriptionLinks('https://status.nimbus.example', subscriber, tokens).unsubscribe;
 * // 'https://status.nimbus.example/v1/subscriptions/unsubscribe?token=sub_…'
 */
export function subscriptionLinks(baseUrl: string, subscriber: Pick<Subscriber, 'id' | 'tokenGeneration'>, tokens: SubscriptionTokens): SubscriptionLinks {
  const origin = baseUrl.replace(/\/+$/, '');
  const confirm = encodeURIComponent(tokens.issue('confirm', subscriber.id, subscriber.tokenGeneration));
  const manage = encodeURIComponent(tokens.issue('manage', subscriber.id, subscriber.tokenGeneration));
  return {
    confirm: `${origin}/v1/subscriptions/confirm?token=${confirm}`,
    unsubscribe: `${origin}/v1/subscriptions/unsubscribe?token=${manage}`,
    preferences: `${origin}/preferences.html?token=${manage}`,
  };
}
