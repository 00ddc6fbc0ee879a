import { apiOperations } from '../../core/api/api-contract.js';
import type { OperationId } from '../../core/api/api-contract.js';
import type { RouteBinding, RouteHandlers } from './route.js';
import { addUpdateRoute } from './routes/add-update.js';
import { confirmSubscriptionRoute } from './routes/confirm-subscription.js';
import { declareIncidentRoute } from './routes/declare-incident.js';
import { getIncidentRoute } from './routes/get-incident.js';
import { getOpenApiRoute } from './routes/get-openapi.js';
import { getPreferencesRoute } from './routes/get-preferences.js';
import { getStatusRoute } from './routes/get-status.js';
import { importSubscribersRoute } from './routes/import-subscribers.js';
import { listDeliveriesRoute } from './routes/list-deliveries.js';
import { listIncidentsRoute } from './routes/list-incidents.js';
import { listSubscribersRoute } from './routes/list-subscribers.js';
import { previewUpdateRoute } from './routes/preview-update.js';
import { readAtomFeedRoute } from './routes/read-atom-feed.js';
import { readFeedRoute } from './routes/read-feed.js';
import { subscribeRoute } from './routes/subscribe.js';
import { unsubscribePageRoute } from './routes/unsubscribe-page.js';
import { unsubscribeRoute } from './routes/unsubscribe.js';
import { updatePreferencesRoute } from './routes/update-preferences.js';

/** The handler of every operation of the contract. */
export const routeHandlers: RouteHandlers = {
  declareIncident: declareIncidentRoute,
  listIncidents: listIncidentsRoute,
  getIncident: getIncidentRoute,
  addUpdate: addUpdateRoute,
  previewUpdate: previewUpdateRoute,
  listDeliveries: listDeliveriesRoute,
  getStatus: getStatusRoute,
  readFeed: readFeedRoute,
  readAtomFeed: readAtomFeedRoute,
  subscribe: subscribeRoute,
  confirmSubscription: confirmSubscriptionRoute,
  unsubscribePage: unsubscribePageRoute,
  unsubscribe: unsubscribeRoute,
  getPreferences: getPreferencesRoute,
  updatePreferences: updatePreferencesRoute,
  listSubscribers: listSubscribersRoute,
  importSubscribers: importSubscribersRoute,
  getOpenApi: getOpenApiRoute,
};

/** Every operation of the contract bound to its handler, as the router takes them. */
export const apiRoutes: readonly RouteBinding[] = (Object.keys(apiOperations) as OperationId[]).map((id) => ({
  operation: { id, ...apiOperations[id] },
  // The router validates body, query and path exactly as the operation declares, which is the
  // shape each handler's input is typed with; the binding only forgets the per-operation types.
  handle: routeHandlers[id] as RouteBinding['handle'],
}));
