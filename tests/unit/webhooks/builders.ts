import type { Config } from '../../../lambdas/core/config/config-schema.js';
import type { IncidentAnswer, MaintenanceAnswer } from '../../../lambdas/core/incident/answer-schemas.js';
import type { TimelineUpdate } from '../../../lambdas/core/incident/model.js';
import { headAfter, presentIncident } from '../../../lambdas/core/incident/present-incident.js';
import { isMaintenanceHead } from '../../../lambdas/core/maintenance/maintenance-head.js';
import { presentMaintenance } from '../../../lambdas/core/maintenance/present-maintenance.js';
import { recordAfterUpdate } from '../../../lambdas/core/webhooks/record-after-update.js';
import { buildWebhookEvent } from '../../../lambdas/core/webhooks/build-webhook-event.js';
import type { WebhookEvent } from '../../../lambdas/core/webhooks/webhook-event.js';
import { aConfig, theDatabaseUpgrade, theDecemberOutage } from '../messages/builders.js';

export { aConfig, anUpdate } from '../messages/builders.js';

/** The incident or window as the API showed it right after `update`, its timeline up to it. */
export function theRecordAfter(update: TimelineUpdate, timeline: readonly TimelineUpdate[], config: Config): IncidentAnswer | MaintenanceAnswer {
  return recordAfterUpdate(update, timeline, config);
}

/** The event for one update of `timeline`, for a subscriber reading `locale`. */
export function anEventFor(update: TimelineUpdate, locale: string, config: Config = aConfig(), timeline: readonly TimelineUpdate[] = [update]): WebhookEvent {
  return buildWebhookEvent(theRecordAfter(update, timeline, config), update, locale, config);
}

/**
 * The December outage's apology, an update, the recovery and the postmortem, and the database
 * upgrade's start: one update of each kind a chat room hears about, with its timeline.
 */
export function theUpdatesChatRoomsHear(): { name: string; update: TimelineUpdate; timeline: TimelineUpdate[] }[] {
  const outage = theDecemberOutage();
  const upgrade = theDatabaseUpgrade();
  const outageTimeline = Object.values(outage);
  const upgradeTimeline = [upgrade['m1-maintenance-scheduled']!, upgrade['m2-maintenance-reminder']!, upgrade['m3-maintenance-started']!];
  return [
    { name: 'the apology', update: outage['1-apology']!, timeline: outageTimeline },
    { name: 'an update', update: outage['2-update-identified']!, timeline: outageTimeline },
    { name: 'the recovery', update: outage['4-recovery']!, timeline: outageTimeline },
    { name: 'the maintenance start', update: upgrade['m3-maintenance-started']!, timeline: upgradeTimeline },
    { name: 'the postmortem', update: outage['5-postmortem']!, timeline: outageTimeline },
  ];
}
