import type { Config } from '../config/config-schema.js';
import { subscriptionLinks } from '../subscribers/subscription-links.js';
import type { EmailLinks } from './types.js';

/**
 * The footer links of a mail nobody will receive (a preview): the real paths on the status page's
 * origin, as subscriptionLinks builds them, with the visibly fake token `preview`, so the commander
 * reads the footer exactly as subscribers will and no preview carries anyone's token.
 *
 * @example
 * previewLinks(config).unsubscribe; // 'https://status.nimbus.example/v1/subscriptions/unsubscribe?token=preview'
 */
export function previewLinks(config: Config): EmailLinks {
  const origin = URL.canParse(config.statusPageUrl) ? new URL(config.statusPageUrl).origin : config.statusPageUrl;
  const fakeTokens = { issue: () => 'preview', read: () => undefined };
  const { unsubscribe, preferences } = subscriptionLinks(origin, { id: 'preview', tokenGeneration: 0 }, fakeTokens);
  return { unsubscribe, preferences };
}
