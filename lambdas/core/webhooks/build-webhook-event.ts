import type { Config } from '../config/config-schema.js';
import type { TimelineUpdate } from '../incident/model.js';
import { headAfter, presentIncident, presentUpdate } from '../incident/present-incident.js';
import { isMaintenanceHead } from '../maintenance/maintenance-head.js';
import { presentMaintenance } from '../maintenance/present-maintenance.js';
import { renderWebhook } from '../messages/render-webhook.js';
import type { WebhookEvent } from './webhook-event.js';
import { webhookEventType } from './webhook-event.js';

/**
 * The event one update makes for subscribers of one locale: the incident (or maintenance window) as
 * it stood right after the update, the update, and its message in that locale. The same update
 * always makes the same event, whichever attempt posts it.
 *
 * @example
 * buildWebhookEvent(update, timeline, 'id', config).type; // 'incident.updated'
 */
export function buildWebhookEvent(update: TimelineUpdate, timeline: readonly TimelineUpdate[], locale: string, config: Config): WebhookEvent {
  const head = headAfter(update);
  const message = renderWebhook({ update, locale, config });
  const through = timeline.filter((entry) => entry.seq <= update.seq);
  return {
    type: webhookEventType(update.kind),
    timestamp: update.createdAt,
    data: {
      incident: isMaintenanceHead(head) ? presentMaintenance(head, through, config) : presentIncident(head, through, config),
      update: presentUpdate(update),
      message: { locale, title: message.title, text: message.text, url: message.url },
    },
  };
}
