import type { Config } from '../config/config-schema.js';
import { createRequestSchemas } from '../incident/request-schemas.js';
import { createMaintenanceRequestSchemas } from '../maintenance/maintenance-request-schemas.js';

/**
 * The request bodies of the commanders' previews (`servedBy: 'previews'` in the contract), for one
 * configuration: the preview function validates with these alone. They are the very schemas the
 * write function validates the real requests with, so a preview refuses what the request would.
 *
 * @example
 * createPreviewSchemas(config).bodies.declareIncident.parse(body);
 */
export function createPreviewSchemas(config: Config) {
  const { declareIncidentSchema, previewSchema } = createRequestSchemas(config);
  const maintenance = createMaintenanceRequestSchemas(config);
  return {
    bodies: {
      declareIncident: declareIncidentSchema,
      previewUpdate: previewSchema,
      scheduleMaintenance: maintenance.scheduleMaintenanceSchema,
      updateMaintenance: maintenance.updateMaintenanceSchema,
    },
    queries: {},
  };
}

export type PreviewSchemas = ReturnType<typeof createPreviewSchemas>;
