import type { Config } from '../config/config-schema.js';
import type { TimelineUpdate } from '../incident/model.js';
import { renderWebhook } from '../messages/render-webhook.js';
import type { WebhookMessage } from './webhook-event.js';

/**
 * The `message` of a webhook event in the subscriber's locale: the in-app message (title 1–80, text
 * ≤ 500 code points, the status-page link), so chat rooms read what every other channel says, from
 * the same catalogs and operator templates.
 *
 * @example
 * webhookMessage(update, 'id', config).title; // 'Chat, API, dan pembuatan video tidak tersedia'
 */
export function webhookMessage(update: TimelineUpdate, locale: string, config: Config): WebhookMessage {
  const { title, text, url } = renderWebhook({ update, locale, config });
  return { locale, title, text, url };
}
