import type { ReadApiDependencies } from './api-dependencies.js';
import { bindRoutes } from './bind-routes.js';
import type { RouteHandlers } from './route.js';
import { getIncidentRoute } from './routes/get-incident.js';
import { getMaintenanceRoute } from './routes/get-maintenance.js';
import { listMaintenancesRoute } from './routes/list-maintenances.js';
import { getStatusRoute } from './routes/get-status.js';
import { listIncidentsRoute } from './routes/list-incidents.js';
import { readAtomFeedRoute } from './routes/read-atom-feed.js';
import { readFeedRoute } from './routes/read-feed.js';

/** The handler of every public read (`servedBy: 'reads'`); only these ride in the read function. */
const readRouteHandlers: RouteHandlers<'reads'> = {
  listIncidents: listIncidentsRoute,
  getIncident: getIncidentRoute,
  getStatus: getStatusRoute,
  readFeed: readFeedRoute,
  readAtomFeed: readAtomFeedRoute,
  listMaintenances: listMaintenancesRoute,
  getMaintenance: getMaintenanceRoute,
};

/** The read function's routes. */
export const readRoutes = bindRoutes<'reads', ReadApiDependencies>('reads', readRouteHandlers);
