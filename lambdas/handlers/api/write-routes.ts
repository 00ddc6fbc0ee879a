import type { ApiDependencies } from './api-dependencies.js';
import { bindRoutes } from './bind-routes.js';
import type { RouteHandlers } from './route.js';
import { addUpdateRoute } from './routes/add-update.js';
import { confirmSubscriptionRoute } from './routes/confirm-subscription.js';
import { declareIncidentRoute } from './routes/declare-incident.js';
import { getOpenApiRoute } from './routes/get-openapi.js';
import { getPreferencesRoute } from './routes/get-preferences.js';
import { importSubscribersRoute } from './routes/import-subscribers.js';
import { listDeliveriesRoute, listMaintenanceDeliveriesRoute } from './routes/list-deliveries.js';
import { listScenariosRoute } from './routes/list-scenarios.js';
import { listSubscribersRoute } from './routes/list-subscribers.js';
import { publishPostmortemRoute } from './routes/publish-postmortem.js';
import { redriveDeliveriesRoute } from './routes/redrive-deliveries.js';
import { scheduleMaintenanceRoute } from './routes/schedule-maintenance.js';
import { updateMaintenanceRoute } from './routes/update-maintenance.js';
import { subscribeRoute } from './routes/subscribe.js';
import { unsubscribePageRoute } from './routes/unsubscribe-page.js';
import { unsubscribeRoute } from './routes/unsubscribe.js';
import { updatePreferencesRoute } from './routes/update-preferences.js';
import { listWebhooksRoute } from './routes/list-webhooks.js';
import { subscribeWebhookRoute } from './routes/subscribe-webhook.js';
import { unsubscribeWebhookRoute } from './routes/unsubscribe-webhook.js';

/**
 * The handler of every operation the write function serves: commanders', subscribers', the contract's
 * own. The previews are the preview function's (preview-routes.ts): their renderers stay out of this bundle.
 */
const writeRouteHandlers: RouteHandlers<'writes'> = {
  declareIncident: declareIncidentRoute,
  addUpdate: addUpdateRoute,
  publishPostmortem: publishPostmortemRoute,
  scheduleMaintenance: scheduleMaintenanceRoute,
  updateMaintenance: updateMaintenanceRoute,
  listDeliveries: listDeliveriesRoute,
  listMaintenanceDeliveries: listMaintenanceDeliveriesRoute,
  redriveDeliveries: redriveDeliveriesRoute,
  subscribe: subscribeRoute,
  confirmSubscription: confirmSubscriptionRoute,
  unsubscribePage: unsubscribePageRoute,
  unsubscribe: unsubscribeRoute,
  getPreferences: getPreferencesRoute,
  updatePreferences: updatePreferencesRoute,
  listSubscribers: listSubscribersRoute,
  importSubscribers: importSubscribersRoute,
  subscribeWebhook: subscribeWebhookRoute,
  unsubscribeWebhook: unsubscribeWebhookRoute,
  listWebhooks: listWebhooksRoute,
  listScenarios: listScenariosRoute,
  getOpenApi: getOpenApiRoute,
};

/** The write function's routes. */
export const writeRoutes = bindRoutes<'writes', ApiDependencies>('writes', writeRouteHandlers);
