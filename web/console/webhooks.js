// @ts-check
// The webhook and chat subscribers with the health of their deliveries (GET /v1/webhooks): where a
// commander sees that a customer's Slack or endpoint has stopped taking updates.

import { el } from '../page-elements.js';
import { t } from './i18n.js';
import { timeOf } from './timeline.js';

/** @typedef {{ id: string, url: string, format: string, locale: string, state: 'active' | 'disabled', lastSuccessAt: string | null, lastFailure: { at: string, reason: string } | null }} Webhook */

/**
 * One item per subscriber: its host (never the whole URL, which may hold a chat's secret path), format,
 * locale, state, and its last success and last failure in words.
 * @param {Webhook[]} webhooks
 */
export function renderWebhooks(webhooks) {
  if (webhooks.length === 0) return [el('p', 'empty', t('noWebhooks'))];
  const list = el('ul', 'webhooks');
  for (const webhook of webhooks) {
    const item = el('li', `webhook w-${webhook.state}`);
    item.dataset.id = webhook.id;
    item.dataset.state = webhook.state;
    item.append(
      el('strong', null, hostOf(webhook.url)),
      el('span', null, ` · ${webhook.format} · ${webhook.locale} · `),
      el('span', 'webhook-state', t(webhook.state === 'active' ? 'webhookActive' : 'webhookDisabled')),
    );
    const facts = [t('lastSuccess', { w: webhook.lastSuccessAt ? timeOf(webhook.lastSuccessAt) : t('never') })];
    if (webhook.lastFailure) facts.push(t('lastFailure', { w: timeOf(webhook.lastFailure.at), r: webhook.lastFailure.reason }));
    item.append(el('p', 'webhook-facts', facts.join(' · ')));
    list.append(item);
  }
  return [list];
}

/** @param {string} url */
function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return url.slice(0, 40);
  }
}
