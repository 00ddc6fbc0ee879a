import type { Config } from '../config/config-schema.js';
import { componentNames } from './component-names.js';
import { incidentStatusOf } from './incident-status-of.js';
import { textsByLocale } from '../config/localized-text.js';
import type { ComponentAnswer, IncidentAnswer, IncidentSummary, UpdateAnswer } from './answer-schemas.js';
import type { ComponentStatuses, IncidentHead, TimelineUpdate } from './model.js';
import { postmortemOf } from './postmortem-of.js';

/** The public shape of an incident: component names from the configuration, timeline in seq order, the postmortem once there is one. */
export function presentIncident(head: IncidentHead, updates: readonly TimelineUpdate[], config: Config): IncidentAnswer {
  const postmortem = postmortemOf(updates);
  return { ...presentSummary(head, config), updates: updates.map(presentUpdate), ...(postmortem ? { postmortem } : {}) };
}

export function presentSummary(head: IncidentHead, config: Config): IncidentSummary {
  return {
    id: head.id,
    title: head.title,
    titles: head.titles ?? textsByLocale(head.title, config.locales, config.defaultLocale),
    status: incidentStatusOf(head),
    impact: head.impact,
    components: presentComponents(head.components, config),
    startedAt: head.startedAt,
    updatedAt: head.updatedAt,
    resolvedAt: head.resolvedAt,
    version: head.version,
    nextUpdateBy: head.nextUpdateBy ?? null,
    overdue: head.overdue ?? false,
  };
}

export function presentUpdate(update: TimelineUpdate): UpdateAnswer {
  const { id, seq, kind, status, impact, message, channels, notify, createdAt } = update;
  return { id, seq, kind, status, impact, message, channels, notify, createdAt };
}

/** Components in configuration order, so every page and answer lists them the same way. */
export function presentComponents(statuses: ComponentStatuses, config: Config): ComponentAnswer[] {
  return config.components
    .filter((component) => statuses[component.id] !== undefined)
    .map((component) => ({ ...componentNames(component, config), status: statuses[component.id]! }));
}

/** Rebuilds the incident as it stood right after `update`, from the snapshot the update carries. */
export function headAfter(update: TimelineUpdate): IncidentHead {
  return { id: update.incidentId, ...update.incident };
}
