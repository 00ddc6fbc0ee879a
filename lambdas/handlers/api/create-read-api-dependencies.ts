import { createReadSchemas } from '../../core/api/read-schemas.js';
import type { Config } from '../../core/config/config-schema.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Feed } from '../../core/ports/feed.js';
import type { IncidentStore } from '../../core/ports/incident-store.js';
import type { Logger } from '../../core/ports/logger.js';
import type { ApiDependencies, ReadApiDependencies } from './api-dependencies.js';
import { StatusSnapshot } from './status-snapshot.js';
import { listStatusMaintenances } from './list-status-maintenances.js';

export interface ReadApiWiring {
  config: Config;
  stores: { incidents: IncidentStore; feed: Feed };
  /** How old the in-memory status may get before a reader rebuilds it. */
  statusMaxAgeMs: number;
  /** Where links point: the status page's origin deployed (default), the local server locally. */
  publicBaseUrl?: () => string;
  clock: Clock;
  logger: Logger;
}

/**
 * The read function's dependencies from its wiring: the incident and feed stores, the read schemas,
 * the status kept in memory, and nothing that writes.
 *
 * @example
 * const deps = createReadApiDependencies({ config, stores: { incidents, feed }, statusMaxAgeMs: 5_000, clock: systemClock, logger });
 */
export function createReadApiDependencies({ config, stores, statusMaxAgeMs, publicBaseUrl, clock, logger }: ReadApiWiring): ReadApiDependencies {
  const statusPageOrigin = new URL(config.statusPageUrl).origin;
  return {
    config,
    publicBaseUrl: publicBaseUrl ?? (() => statusPageOrigin),
    schemas: createReadSchemas(config),
    incidents: stores.incidents,
    feed: stores.feed,
    status: new StatusSnapshot(async () => (await Promise.all([stores.incidents.listOpen(), listStatusMaintenances(stores.incidents)])).flat(), config, statusMaxAgeMs, logger, () => clock().getTime()),
    clock,
    logger,
  };
}

/**
 * The read part of the write function's dependencies, for a process serving every function (the
 * local runtime): the reads then share the status the writes invalidate.
 */
export function readDependenciesOf({ config, schemas, incidents, feed, status, publicBaseUrl, clock, logger }: ApiDependencies): ReadApiDependencies {
  return { config, schemas, incidents, feed, status, publicBaseUrl, clock, logger };
}
