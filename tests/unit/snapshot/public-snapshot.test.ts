import { describe, expect, it } from 'vitest';
import { headAfter, presentIncident } from '../../../lambdas/core/incident/present-incident.js';
import { statusAnswer } from '../../../lambdas/core/incident/status-answer.js';
import { buildPublicSnapshot } from '../../../lambdas/core/snapshot/build-public-snapshot.js';
import { freshestOpenIncidents } from '../../../lambdas/core/snapshot/freshest-open-incidents.js';
import { snapshotKeys } from '../../../lambdas/core/snapshot/snapshot-object.js';
import { aConfig } from '../../support/builders.js';
import { aFollowUp, anOpeningUpdate } from '../../support/timeline.js';

const config = aConfig();
const now = '2024-12-12T08:00:00.000Z';

describe('the public snapshot', () => {
  it('holds the status answer at /v1/status, the open incidents with their timelines, and each locale’s newest feed items', () => {
    const opening = anOpeningUpdate(config, { impact: 'major' });
    const next = aFollowUp(opening, config, { status: 'identified' });
    const head = headAfter(next);
    const feedItem = { id: 'feed_1', incidentId: head.id, updateId: next.id, kind: 'update', locale: 'id', title: 'Judul', body: 'Isi', status: 'identified', impact: 'major', url: 'https://status.example/', createdAt: now } as const;

    const objects = buildPublicSnapshot({ open: [{ head, updates: [opening, next] }], maintenances: [], feeds: { id: [feedItem] }, config, now });

    expect(objects.map((object) => object.key)).toEqual([snapshotKeys.status, snapshotKeys.openIncidents, ...config.locales.map(snapshotKeys.feed)]);
    const byKey = new Map(objects.map((object) => [object.key, object]));
    expect(JSON.parse(byKey.get('v1/status')!.body)).toEqual(statusAnswer([head], config, now));
    expect(JSON.parse(byKey.get('snapshot/incidents-open.json')!.body)).toEqual({ items: [presentIncident(head, [opening, next], config)], nextCursor: null });
    expect(JSON.parse(byKey.get('snapshot/feed-id.json')!.body)).toEqual({ items: [feedItem], nextCursor: null });
    expect(JSON.parse(byKey.get('snapshot/feed-en.json')!.body)).toEqual({ items: [], nextCursor: null });
    for (const object of objects) {
      expect(object.contentType).toBe('application/json; charset=utf-8');
      expect(object.cacheControl).toBe(`public, max-age=${config.statusCacheSeconds}, stale-while-revalidate=${config.statusCacheSeconds}, stale-if-error=86400`);
    }
  });

  it('with nothing open, says all is operational', () => {
    const [status] = buildPublicSnapshot({ open: [], maintenances: [], feeds: {}, config, now });
    expect(JSON.parse(status!.body)).toMatchObject({ status: 'operational', incidents: [], updatedAt: now });
  });
});

describe('the open incidents a snapshot shows', () => {
  const opening = anOpeningUpdate(config);
  const listed = headAfter(opening);

  it('takes the stream’s newer head over the index’s older one, and an incident the index does not list yet', () => {
    const newer = headAfter(aFollowUp(opening, config, { status: 'identified' }));
    const unlisted = headAfter(anOpeningUpdate(config));
    expect(freshestOpenIncidents([listed], [newer, unlisted]).map((head) => [head.id, head.version])).toEqual(
      [unlisted, newer].map((head) => [head.id, head.version]).sort(([a], [b]) => String(b).localeCompare(String(a))),
    );
  });

  it('drops an incident whose freshest head is resolved, and ignores an older head from the stream', () => {
    const resolved = aFollowUp(opening, config, { status: 'resolved' });
    expect(freshestOpenIncidents([listed], [headAfter(resolved)])).toEqual([]);
    expect(freshestOpenIncidents([headAfter(aFollowUp(opening, config, { status: 'monitoring' }))], [listed])[0]?.version).toBe(2);
  });
});
