import type { SubscriptionLinks } from '../subscribers/subscription-links.js';

/**
 * RFC 8058 one-click unsubscribe, which Gmail and Yahoo require of bulk senders: the mail provider
 * POSTs `List-Unsubscribe=One-Click` to the link, without the reader opening anything.
 *
 * @example
 * unsubscribeHeaders(links); // { 'List-Unsubscribe': '<https://…/v1/subscriptions/unsubscribe?token=…>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
 */
export function unsubscribeHeaders(links: Pick<SubscriptionLinks, 'unsubscribe'>): Record<string, string> {
  return { 'List-Unsubscribe': `<${links.unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}
