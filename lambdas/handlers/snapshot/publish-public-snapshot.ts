import type { IncidentHead } from '../../core/incident/model.js';
import { buildPublicSnapshot } from '../../core/snapshot/build-public-snapshot.js';
import { freshestOpenIncidents } from '../../core/snapshot/freshest-open-incidents.js';
import { shownMaintenances } from '../../core/maintenance/shown-maintenances.js';
import { listStatusMaintenances } from '../api/list-status-maintenances.js';
import type { SnapshotDependencies } from './snapshot-dependencies.js';

/** The newest feed items a snapshot carries per locale: what an app shows when it opens. */
export const snapshotFeedItems = 50;

/**
 * Reads what the public sees (the open incidents with their timelines, each locale's newest feed
 * items) and publishes it whole. `seen` are heads the caller just read off the stream: the index of
 * open incidents may not show them yet, and the snapshot built for a change must.
 *
 * @example
 * await publishPublicSnapshot(deps, updates.map(headAfter));
 */
export async function publishPublicSnapshot(deps: SnapshotDependencies, seen: readonly IncidentHead[] = []): Promise<void> {
  const now = deps.clock().toISOString();
  const [listed, windows, feeds] = await Promise.all([
    deps.incidents.listOpen(),
    listStatusMaintenances(deps.incidents),
    Promise.all(deps.config.locales.map(async (locale) => [locale, (await deps.feed.page(locale, { limit: snapshotFeedItems, newestFirst: true })).items] as const)),
  ]);
  const open = freshestOpenIncidents(listed, seen);
  const timelines = await deps.incidents.timelinesOf(open);
  const maintenances = shownMaintenances([...windows, ...seen], now);
  const objects = buildPublicSnapshot({ open: open.map((head) => ({ head, updates: timelines.get(head.id) ?? [] })), maintenances, feeds: Object.fromEntries(feeds), config: deps.config, now });
  await deps.publisher.publish(objects);
  deps.logger.info('public snapshot published', { openIncidents: open.length, objects: objects.length });
}
