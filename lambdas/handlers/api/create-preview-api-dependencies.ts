import { createPreviewSchemas } from '../../core/api/preview-schemas.js';
import type { Config } from '../../core/config/config-schema.js';
import type { Clock } from '../../core/ports/clock.js';
import type { IncidentStore } from '../../core/ports/incident-store.js';
import type { Logger } from '../../core/ports/logger.js';
import type { ApiDependencies, PreviewApiDependencies } from './api-dependencies.js';
import type { CommanderAuth } from './commander-auth.js';

export interface PreviewApiWiring {
  config: Config;
  /** Only read, by id: the incident or window an update preview applies to. */
  incidents: Pick<IncidentStore, 'getIncident'>;
  auth: CommanderAuth;
  clock: Clock;
  logger: Logger;
}

/**
 * The preview function's dependencies from its wiring: the preview schemas, the commander check, and
 * one way to read an incident; nothing that stores, sends, or holds a secret.
 *
 * @example
 * const deps = createPreviewApiDependencies({ config, incidents: new DynamoIncidentStore(db, table), auth, clock: systemClock, logger });
 */
export function createPreviewApiDependencies({ config, incidents, auth, clock, logger }: PreviewApiWiring): PreviewApiDependencies {
  return { config, schemas: createPreviewSchemas(config), incidents, auth, clock, logger };
}

/**
 * The preview part of the write function's dependencies, for a process serving every function (the
 * local runtime): the previews then read the incidents the writes store.
 */
export function previewDependenciesOf({ config, incidents, auth, clock, logger }: ApiDependencies): PreviewApiDependencies {
  return createPreviewApiDependencies({ config, incidents, auth, clock, logger });
}
