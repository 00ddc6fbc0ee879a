import type { Config } from '../config/config-schema.js';
import { catalogForLocale } from '../messages/catalogs/catalog-for-locale.js';
import { toOneLine } from '../messages/to-one-line.js';
import type { WebhookLabels } from './types.js';

/**
 * The labels for a locale, from the same catalog the messages are written from.
 *
 * @example
 * webhookLabels('id', config).viewStatusPage; // 'Lihat halaman status'
 */
export function webhookLabels(locale: string, config: Config): WebhookLabels {
  const catalog = catalogForLocale(locale);
  return { status: catalog.status, impact: catalog.impact, viewStatusPage: catalog.viewStatusPage, ellipsis: catalog.ellipsis, serviceName: toOneLine(config.serviceName) };
}
