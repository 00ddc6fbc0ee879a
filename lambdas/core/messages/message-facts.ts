import { affectedComponentNames } from './affected-component-names.js';
import { catalogForLocale } from './catalogs/catalog-for-locale.js';
import type { LocaleCatalog, PromisedTime } from './catalogs/locale-catalog.js';
import { calendarDay } from './calendar-day.js';
import { cleanText } from './clean-text.js';
import { formatDuration } from './format-duration.js';
import { formatInstant } from './format-instant.js';
import { formatList } from './format-list.js';
import { formatWindow } from './format-window.js';
import { intlLocaleFor } from './intl-locale-for.js';
import type { PlaceholderName } from './placeholder-names.js';
import { toOneLine } from './to-one-line.js';
import type { RenderContext } from './types.js';
import { isKnownTimeZone } from '../validation/is-known-time-zone.js';

/** What every channel's renderer starts from: the placeholder values in one locale. */
export interface MessageFacts {
  catalog: LocaleCatalog;
  /** The locale `Intl` formats in: the configured one, unless the texts fell back to another language. */
  intlLocale: string;
  /** The IANA zone every time is written in: the reader's, else the locale's configured one, else UTC. */
  timeZone: string;
  /** Every placeholder's value; `message` keeps the commander's line breaks, the others are one line. */
  values: Record<PlaceholderName, string>;
  /** `values` with the commander's words on one line, for X, in-app and subjects. */
  oneLineValues: Record<PlaceholderName, string>;
  componentNames: string[];
}

// The three channels render the same update in the same locale one after the other (renderUpdate),
// and the email workers render it for reader after reader, most of whom share a few time zones;
// computing the facts once per update, locale and zone halves the cost of a render. Keyed weakly by
// the update, so nothing outlives it; the zone is part of the key, since every time depends on it.
const factsCache = new WeakMap<RenderContext['update'], Map<string, { config: RenderContext['config']; facts: MessageFacts }>>();

/**
 * Computes the placeholder values for an update in a locale: the catalog's phrases for its kind,
 * impact and status, times in the reader's zone (else the locale's configured zone, else UTC) with
 * the zone's short name, the duration so far (or in total, on recovery), the affected components,
 * the commander's words for the locale.
 *
 * @example
 * messageFacts({ update, locale: 'id', config }).values.duration; // '4 jam 10 menit'
 * messageFacts({ update, locale: 'id', config, timeZone: 'UTC' }).values.time; // '11 Desember 2024 pukul 23.16 UTC'
 */
export function messageFacts(context: RenderContext): MessageFacts {
  const timeZone = zoneOf(context);
  const byKey = factsCache.get(context.update) ?? new Map();
  factsCache.set(context.update, byKey);
  // A locale tag holds no space, so "locale zone" cannot be read two ways.
  const key = `${context.locale} ${timeZone}`;
  const cached = byKey.get(key);
  if (cached && cached.config === context.config) return cached.facts;
  const facts = computeFacts(context, timeZone);
  byKey.set(key, { config: context.config, facts });
  return facts;
}

// Checking a zone builds an Intl formatter, and a send meets the same few zones reader after reader.
// Only valid zones are kept, so the set is bounded by the IANA database.
const knownZones = new Set<string>();

/**
 * The reader's zone when it is one `Intl` knows: subscribers' zones are checked when stored, but a
 * zone a later runtime dropped must not make a whole send fail (Intl throws on an unknown zone).
 */
function zoneOf({ timeZone, locale, config }: RenderContext): string {
  const configured = config.timeZones[locale] ?? 'UTC';
  if (timeZone === undefined || timeZone === configured) return configured;
  if (knownZones.has(timeZone)) return timeZone;
  if (!isKnownTimeZone(timeZone)) return configured;
  knownZones.add(timeZone);
  return timeZone;
}

function computeFacts({ update, locale, config }: RenderContext, timeZone: string): MessageFacts {
  const catalog = catalogForLocale(locale);
  const intlLocale = intlLocaleFor(locale, catalog);
  const { incident, kind, impact, status } = update;
  const service = toOneLine(config.serviceName);
  const componentNames = affectedComponentNames(update, config, locale);
  const endedAt = incident.resolvedAt ?? update.createdAt;
  const promised = incident.nextUpdateBy ?? null;
  const promisedAt = promised === null ? null : promisedTime(promised, update.createdAt, intlLocale, timeZone);
  const words = update.message[locale] ?? update.message[config.defaultLocale] ?? Object.values(update.message)[0] ?? '';
  const values: Record<PlaceholderName, string> = {
    service,
    title: toOneLine(incident.titles?.[locale] ?? incident.title),
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
    scheduledFor: incident.window ? formatInstant(incident.window.scheduledFor, intlLocale, timeZone) : '',
    scheduledUntil: incident.window ? formatInstant(incident.window.scheduledUntil, intlLocale, timeZone) : '',
    window: incident.window ? formatWindow(incident.window.scheduledFor, incident.window.scheduledUntil, intlLocale, timeZone) : '',
    nextUpdate: catalog.nextUpdate(promisedAt),
    nextUpdateBy: catalog.nextUpdateBy(promisedAt),
  };
  return { catalog, intlLocale, timeZone, componentNames, values, oneLineValues: { ...values, message: toOneLine(values.message) } };
}

/** The promise in the reader's zone: the time alone when it falls on the update's own day there. */
function promisedTime(promised: string, updatedAt: string, intlLocale: string, timeZone: string): PromisedTime {
  const sameDay = calendarDay(promised, timeZone) === calendarDay(updatedAt, timeZone);
  return { text: formatInstant(promised, intlLocale, timeZone, sameDay ? 'time' : 'date-time'), sameDay };
}
