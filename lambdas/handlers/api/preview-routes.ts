import type { PreviewApiDependencies } from './api-dependencies.js';
import { bindRoutes } from './bind-routes.js';
import type { RouteHandlers } from './route.js';
import { previewDeclarationRoute } from './routes/preview-declaration.js';
import { previewMaintenanceRoute } from './routes/preview-maintenance.js';
import { previewMaintenanceUpdateRoute } from './routes/preview-maintenance-update.js';
import { previewUpdateRoute } from './routes/preview-update.js';

/**
 * The handler of every commander preview (`servedBy: 'previews'`); only these ride in the preview
 * function, and with them the message renderers, which the write function then goes without.
 */
const previewRouteHandlers: RouteHandlers<'previews'> = {
  previewDeclaration: previewDeclarationRoute,
  previewUpdate: previewUpdateRoute,
  previewMaintenance: previewMaintenanceRoute,
  previewMaintenanceUpdate: previewMaintenanceUpdateRoute,
};

/** The preview function's routes. */
export const previewRoutes = bindRoutes<'previews', PreviewApiDependencies>('previews', previewRouteHandlers);
