import { affectedComponentNames } from './affected-component-names.js';
import { catalogForLocale } from './catalogs/catalog-for-locale.js';
import type { LocaleCatalog } from './catalogs/locale-catalog.js';
import { cleanText } from './clean-text.js';
import { formatDuration } from './format-duration.js';
import { formatInstant } from './format-instant.js';
import { formatList } from './format-list.js';
import type { PlaceholderName } from './placeholder-names.js';
import { toOneLine } from './to-one-line.js';
import type { RenderContext } from './types.js';

/** What every channel's renderer starts from: the placeholder values in one locale. */
export interface MessageFacts {
  catalog: LocaleCatalog;
  /** The locale `Intl` formats in: the configured one, unless the texts fell back to another language. */
  intlLocale: string;
  /** Every placeholder's value; `message` keeps the commander's line breaks, the others are one line. */
  values: Record<PlaceholderName, string>;
  /** `values` with the commander's words on one line, for X, in-app and subjects. */
  oneLineValues: Record<PlaceholderName, string>;
  componentNames: string[];
}

// The three channels render the same update in the same locale one after the other (renderUpdate);
// computing the facts once per update and locale halves the cost of a render. Keyed weakly by the
// update, so nothing outlives it.
const factsCache = new WeakMap<RenderContext['update'], Map<string, { config: RenderContext['config']; facts: MessageFacts }>>();

/**
 * Computes the placeholder values for an update in a locale: the catalog's phrases for its kind,
 * impact and status, times in the locale's configured zone (UTC when none), the duration so far
 * (or in total, on recovery), the affected components, the commander's words for the locale.
 *
 * @example
 * messageFacts({ update, locale: 'id', config }).values.duration; // '4 jam 10 menit'
 */
export function messageFacts(context: RenderContext): MessageFacts {
  const byLocale = factsCache.get(context.update) ?? new Map();
  factsCache.set(context.update, byLocale);
  const cached = byLocale.get(context.locale);
  if (cached && cached.config === context.config) return cached.facts;
  const facts = computeFacts(context);
  byLocale.set(context.locale, { config: context.config, facts });
  return facts;
}

function computeFacts({ update, locale, config }: RenderContext): MessageFacts {
  const catalog = catalogForLocale(locale);
  const intlLocale = locale.split('-')[0] === catalog.language ? locale : catalog.language;
  const timeZone = config.timeZones[locale] ?? 'UTC';
  const { incident, kind, impact, status } = update;
  const service = toOneLine(config.serviceName);
  const componentNames = affectedComponentNames(update, config);
  const endedAt = incident.resolvedAt ?? update.createdAt;
  const words = update.message[locale] ?? update.message[config.defaultLocale] ?? Object.values(update.message)[0] ?? '';
  const values: Record<PlaceholderName, string> = {
    service,
    title: toOneLine(incident.title),
    message: cleanText(words).trim(),
    components: componentNames.length > 0 ? formatList(componentNames, intlLocale) : catalog.someComponents(service),
    impact: catalog.impact[impact],
    status: catalog.status[status],
    headline: catalog.headline(kind, impact, status, service),
    apology: catalog.apology(kind, impact),
    progress: catalog.progress(kind, status),
    duration: formatDuration(Date.parse(endedAt) - Date.parse(incident.startedAt), intlLocale, catalog.lessThanAMinute),
    startedAt: formatInstant(incident.startedAt, intlLocale, timeZone),
    resolvedAt: incident.resolvedAt ? formatInstant(incident.resolvedAt, intlLocale, timeZone) : '',
    time: formatInstant(update.createdAt, intlLocale, timeZone),
    url: config.statusPageUrl,
  };
  return { catalog, intlLocale, componentNames, values, oneLineValues: { ...values, message: toOneLine(values.message) } };
}
