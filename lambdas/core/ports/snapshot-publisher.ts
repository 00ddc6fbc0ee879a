import type { SnapshotObject } from '../snapshot/snapshot-object.js';

/**
 * Where the public snapshot goes: the status site's bucket deployed, memory and disk locally. A
 * publish replaces each object whole; readers see the old or the new one, never a mix within one.
 *
 * @example
 * await publisher.publish(buildPublicSnapshot({ open, feeds, config, now }));
 */
export interface SnapshotPublisher {
  publish(objects: readonly SnapshotObject[]): Promise<void>;
}
