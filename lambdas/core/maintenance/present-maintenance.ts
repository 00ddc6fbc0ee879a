import type { Config } from '../config/config-schema.js';
import { textsByLocale } from '../config/localized-text.js';
import type { MaintenanceAnswer, MaintenanceSummary } from '../incident/answer-schemas.js';
import type { TimelineUpdate } from '../incident/model.js';
import { presentComponents, presentUpdate } from '../incident/present-incident.js';
import type { MaintenanceHead } from './maintenance-head.js';

/** The public shape of a maintenance window: the incident's, with its type, times and timers' settings. */
export function presentMaintenance(head: MaintenanceHead, updates: readonly TimelineUpdate[], config: Config): MaintenanceAnswer {
  return { ...presentMaintenanceSummary(head, config), updates: updates.map(presentUpdate) };
}

export function presentMaintenanceSummary(head: MaintenanceHead, config: Config): MaintenanceSummary {
  const { window } = head;
  return {
    id: head.id,
    type: 'maintenance',
    title: head.title,
    titles: head.titles ?? textsByLocale(head.title, config.locales, config.defaultLocale),
    status: head.status,
    impact: head.impact,
    components: presentComponents(head.components, config),
    scheduledFor: window.scheduledFor,
    scheduledUntil: window.scheduledUntil,
    remindBeforeMinutes: window.remindBeforeMinutes,
    autoStart: window.autoStart,
    autoComplete: window.autoComplete,
    startedAt: head.startedAt,
    updatedAt: head.updatedAt,
    resolvedAt: head.resolvedAt,
    version: head.version,
    nextUpdateBy: null,
    overdue: false,
  };
}
