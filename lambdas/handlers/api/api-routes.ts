import type { Route } from './route.js';
import { addUpdateRoute } from './routes/add-update.js';
import { declareIncidentRoute } from './routes/declare-incident.js';
import { getIncidentRoute } from './routes/get-incident.js';
import { getOpenApiRoute } from './routes/get-openapi.js';
import { getStatusRoute } from './routes/get-status.js';
import { listIncidentsRoute } from './routes/list-incidents.js';
import { listDeliveriesRoute } from './routes/list-deliveries.js';
import { previewUpdateRoute } from './routes/preview-update.js';
import { readAtomFeedRoute, readFeedRoute } from './routes/read-feed.js';
import { subscribeRoute } from './routes/subscribe.js';

/** Every route of API.md that the Lambda serves; the CDK api construct wires the same list. */
export const apiRoutes: readonly Route[] = [
  { method: 'POST', path: '/v1/incidents', access: 'commander', handle: declareIncidentRoute },
  { method: 'GET', path: '/v1/incidents', access: 'public', handle: listIncidentsRoute },
  { method: 'GET', path: '/v1/incidents/{id}', access: 'public', handle: getIncidentRoute },
  { method: 'POST', path: '/v1/incidents/{id}/updates', access: 'commander', handle: addUpdateRoute },
  { method: 'POST', path: '/v1/incidents/{id}/preview', access: 'commander', handle: previewUpdateRoute },
  { method: 'GET', path: '/v1/incidents/{id}/deliveries', access: 'commander', handle: listDeliveriesRoute },
  { method: 'GET', path: '/v1/status', access: 'public', handle: getStatusRoute },
  { method: 'GET', path: '/v1/feed', access: 'public', handle: readFeedRoute },
  { method: 'GET', path: '/v1/feed.atom', access: 'public', handle: readAtomFeedRoute },
  { method: 'POST', path: '/v1/subscriptions', access: 'public', handle: subscribeRoute },
  { method: 'GET', path: '/v1/openapi.json', access: 'public', handle: getOpenApiRoute },
];
