import { describe, expect, it } from 'vitest';
import { headAfter } from '../../../lambdas/core/incident/present-incident.js';
import type { SnapshotObject } from '../../../lambdas/core/snapshot/snapshot-object.js';
import { createSnapshotHandler } from '../../../lambdas/handlers/snapshot/create-snapshot-handler.js';
import { aConfig } from '../../support/builders.js';
import { memoryStores } from '../../support/memory/memory-stores.js';
import { RecordingLogger } from '../../support/memory/recording-logger.js';
import { aStreamEventOf } from '../../support/stream-events.js';
import { aFollowUp, anOpeningUpdate } from '../../support/timeline.js';

const config = aConfig();
const clock = () => new Date('2024-12-12T08:00:00.000Z');
const scheduledTick = { 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} };

function aSnapshotHandler(options: { failPublish?: boolean; indexLags?: boolean } = {}) {
  const stores = memoryStores();
  const published: SnapshotObject[][] = [];
  const publisher = {
    publish: async (objects: readonly SnapshotObject[]) => {
      if (options.failPublish) throw new Error('S3 is unavailable');
      published.push([...objects]);
    },
  };
  // An index that has not caught up with its table yet lists nothing open.
  const incidents = options.indexLags ? { listOpen: async () => [], listMaintenances: async () => ({ heads: [], nextCursor: null }), timelinesOf: stores.incidents.timelinesOf.bind(stores.incidents) } : stores.incidents;
  const handler = createSnapshotHandler({ config, incidents, feed: stores.feed, publisher, clock, logger: new RecordingLogger() });
  const statusOf = (index = -1) => JSON.parse(published.at(index)!.find((object) => object.key === 'v1/status')!.body);
  return { stores, published, handler, statusOf };
}

describe('the snapshot publisher', () => {
  it('publishes the status, the open incidents and every locale’s feed for a stream batch', async () => {
    const { stores, published, handler, statusOf } = aSnapshotHandler();
    const opening = anOpeningUpdate(config, { impact: 'major' });
    await stores.incidents.commit({ head: headAfter(opening), update: opening }, null);

    await handler(aStreamEventOf(opening));

    expect(published).toHaveLength(1);
    expect(published[0]!.map((object) => object.key)).toEqual(['v1/status', 'snapshot/incidents-open.json', 'snapshot/feed-en.json', 'snapshot/feed-id.json']);
    expect(statusOf()).toMatchObject({ status: 'major_outage', incidents: [{ id: opening.incidentId, version: 1 }], updatedAt: clock().toISOString() });
  });

  it('shows the change that triggered it even while the index of open incidents still lags', async () => {
    const { stores, handler, statusOf } = aSnapshotHandler({ indexLags: true });
    const opening = anOpeningUpdate(config, { impact: 'critical' });
    await stores.incidents.commit({ head: headAfter(opening), update: opening }, null);
    await handler(aStreamEventOf(opening));
    expect(statusOf().incidents.map((incident: { id: string }) => incident.id)).toEqual([opening.incidentId]);
  });

  it('drops a resolved incident as soon as its recovery is on the stream, and says all is well', async () => {
    const { stores, handler, statusOf } = aSnapshotHandler();
    const opening = anOpeningUpdate(config, { impact: 'major' });
    const recovery = aFollowUp(opening, config, { status: 'resolved' });
    await stores.incidents.commit({ head: headAfter(opening), update: opening }, null);
    await handler(aStreamEventOf(opening));
    await stores.incidents.commit({ head: headAfter(recovery), update: recovery }, 1);
    await handler(aStreamEventOf(recovery));
    expect(statusOf()).toMatchObject({ status: 'operational', incidents: [] });
  });

  it('republishes on the scheduled tick with nothing on the stream', async () => {
    const { published, handler, statusOf } = aSnapshotHandler();
    await handler(scheduledTick);
    expect(published).toHaveLength(1);
    expect(statusOf()).toMatchObject({ status: 'operational', incidents: [] });
  });

  it('refuses an event that is neither a stream batch nor a tick, publishing nothing', async () => {
    const { published, handler } = aSnapshotHandler();
    await expect(handler({ hello: 'world' })).rejects.toThrow();
    expect(published).toEqual([]);
  });

  it('throws when the bucket refuses, so the stream retries the batch', async () => {
    const { handler } = aSnapshotHandler({ failPublish: true });
    await expect(handler(scheduledTick)).rejects.toThrow('S3 is unavailable');
  });
});
