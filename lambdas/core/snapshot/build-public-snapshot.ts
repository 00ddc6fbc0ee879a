import type { Config } from '../config/config-schema.js';
import type { FeedItem } from '../incident/answer-schemas.js';
import type { IncidentHead, TimelineUpdate } from '../incident/model.js';
import { presentIncident } from '../incident/present-incident.js';
import { statusAnswer } from '../incident/status-answer.js';
import type { SnapshotObject } from './snapshot-object.js';
import { snapshotKeys } from './snapshot-object.js';

export interface PublicSnapshotInput {
  /** Open incidents, newest first, each with its timeline through its version. */
  open: readonly { head: IncidentHead; updates: readonly TimelineUpdate[] }[];
  /** The maintenance windows the status shows (in progress, or starting within 7 days). */
  maintenances: readonly IncidentHead[];
  /** Each configured locale's newest feed items, newest first. */
  feeds: Readonly<Record<string, readonly FeedItem[]>>;
  config: Config;
  /** When the snapshot was read: the status answer's `updatedAt`. */
  now: string;
}

/**
 * Everything a reader of the status page, the widget or an app's feed needs, as static objects the
 * CDN can serve with no function or table behind it: the status answer (`GET /v1/status`), the open
 * incidents with their timelines, and each locale's newest feed items. Readers revalidate within
 * `statusCacheSeconds`; while the origin fails, a CDN or browser may keep serving the last copy for
 * a day (`stale-if-error`), which during an outage beats an error page.
 *
 * @example
 * await publisher.publish(buildPublicSnapshot({ open, feeds, config, now }));
 */
export function buildPublicSnapshot({ open, maintenances, feeds, config, now }: PublicSnapshotInput): SnapshotObject[] {
  const seconds = config.statusCacheSeconds;
  const json = (key: string, value: unknown): SnapshotObject => ({
    key,
    body: JSON.stringify(value),
    contentType: 'application/json; charset=utf-8',
    cacheControl: `public, max-age=${seconds}, stale-while-revalidate=${seconds}, stale-if-error=86400`,
  });
  return [
    json(snapshotKeys.status, statusAnswer([...open.map(({ head }) => head), ...maintenances], config, now)),
    json(snapshotKeys.openIncidents, { items: open.map(({ head, updates }) => presentIncident(head, updates, config)), nextCursor: null }),
    ...config.locales.map((locale) => json(snapshotKeys.feed(locale), { items: feeds[locale] ?? [], nextCursor: null })),
  ];
}
