import type { Config } from '../../core/config/config-schema.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Feed } from '../../core/ports/feed.js';
import type { IncidentStore } from '../../core/ports/incident-store.js';
import type { Logger } from '../../core/ports/logger.js';
import type { SnapshotPublisher } from '../../core/ports/snapshot-publisher.js';

export interface SnapshotDependencies {
  config: Config;
  incidents: Pick<IncidentStore, 'listOpen' | 'listMaintenances' | 'timelinesOf'>;
  feed: Pick<Feed, 'page'>;
  publisher: SnapshotPublisher;
  clock: Clock;
  logger: Logger;
}
