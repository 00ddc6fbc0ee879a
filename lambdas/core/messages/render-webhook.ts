import { renderInApp } from './render-inapp.js';
import type { RenderContext, WebhookCard } from './types.js';

/**
 * The message of one update for webhook and chat subscribers of one locale: the in-app card's title
 * and text (the same catalog, the same operator templates), which every chat format can show whole.
 *
 * @example
 * renderWebhook({ update, locale: 'id', config }).title; // 'Telah pulih: Chat tidak tersedia'
 */
export function renderWebhook(context: RenderContext): WebhookCard {
  return { ...renderInApp(context), channel: 'webhook' };
}
