import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import '../../core/validation/english-issues.js';
import { headAfter } from '../../core/incident/present-incident.js';
import { streamItemOf } from '../stream/stream-record.js';
import { publishPublicSnapshot } from './publish-public-snapshot.js';
import type { SnapshotDependencies } from './snapshot-dependencies.js';

/** A batch of the table's stream (new updates and feed items), or EventBridge's scheduled tick. */
const snapshotEventSchema = z.union([z.object({ Records: z.array(z.unknown()) }), z.object({ 'detail-type': z.literal('Scheduled Event') })]);

/**
 * The snapshot publisher: on every batch of new updates or feed items, and once a minute whatever
 * happened (so a publish that lost a race, or failed, is mended within a minute), it republishes
 * the public snapshot. A failure throws: the stream retries the batch, the next tick tries again.
 *
 * @example
 * export const handler = createSnapshotHandler({ config, incidents, feed, publisher, clock, logger });
 */
export function createSnapshotHandler(deps: SnapshotDependencies) {
  return async (event: unknown, _context?: Context): Promise<void> => {
    const parsed = snapshotEventSchema.parse(event);
    const seen = 'Records' in parsed ? parsed.Records.flatMap((record) => {
      const item = streamItemOf(record);
      return item?.type === 'update' ? [headAfter(item.update)] : [];
    }) : [];
    try {
      await publishPublicSnapshot(deps, seen);
    } catch (error) {
      deps.logger.error('the public snapshot was not published; the next change or tick tries again', { error: error as Error });
      throw error;
    }
  };
}
