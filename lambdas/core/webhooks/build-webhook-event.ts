import type { Config } from '../config/config-schema.js';
import type { IncidentAnswer, MaintenanceAnswer } from '../incident/answer-schemas.js';
import type { TimelineUpdate } from '../incident/model.js';
import { presentUpdate } from '../incident/present-incident.js';
import type { WebhookEvent } from './webhook-event.js';
import { webhookEventType } from './webhook-event.js';
import { webhookMessage } from './webhook-message.js';

/**
 * The event one update sends to a subscriber reading `locale`: its type by kind, stamped with the
 * update's time, carrying the incident or window as the API shows it (`record`), the update, and the
 * message in that locale.
 *
 * @example
 * buildWebhookEvent(presentIncident(head, updates, config), update, 'id', config).type; // 'incident.updated'
 */
export function buildWebhookEvent(record: IncidentAnswer | MaintenanceAnswer, update: TimelineUpdate, locale: string, config: Config): WebhookEvent {
  return {
    type: webhookEventType(update.kind),
    timestamp: update.createdAt,
    data: { incident: record, update: presentUpdate(update), message: webhookMessage(update, locale, config) },
  };
}
