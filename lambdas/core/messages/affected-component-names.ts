import type { Config } from '../config/config-schema.js';
import type { TimelineUpdate } from '../incident/model.js';
import { isMaintenanceKind } from '../incident/vocabulary.js';
import { toOneLine } from './to-one-line.js';
import { textFor } from '../config/localized-text.js';

/**
 * Display names in the reader's locale of what the update is about, in configuration order. While the incident is open that
 * is every component not operational; on recovery and in the postmortem it is every component the
 * incident touched (they are back to operational, and the customer wants to know what had been broken).
 * A maintenance window names every component it covers, whether the work is ahead, under way or done.
 *
 * @example
 * affectedComponentNames(update, config, 'id'); // ['Chat', 'API', 'Pembuatan video']
 */
export function affectedComponentNames(update: TimelineUpdate, config: Config, locale: string): string[] {
  const touched = Object.entries(update.incident.components)
    .filter(([, status]) => update.kind === 'recovery' || update.kind === 'postmortem' || isMaintenanceKind(update.kind) || status !== 'operational')
    .map(([id]) => id);
  const order = new Map(config.components.map((component, index) => [component.id, index]));
  const names = new Map(config.components.map((component) => [component.id, textFor(component.name, locale, config.defaultLocale)]));
  return touched
    .sort((a, b) => (order.get(a) ?? order.size) - (order.get(b) ?? order.size))
    .map((id) => toOneLine(names.get(id) ?? id))
    .filter((name) => name.length > 0);
}
