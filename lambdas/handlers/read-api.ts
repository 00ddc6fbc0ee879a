import { systemClock } from '../adapters/clock.js';
import { createDocumentClient } from '../adapters/dynamo/document-client.js';
import { DynamoFeed } from '../adapters/dynamo/dynamo-feed.js';
import { DynamoIncidentStore } from '../adapters/dynamo/dynamo-incident-store.js';
import { readLambdaEnvironment } from '../adapters/lambda-environment.js';
import { PowertoolsLoggerAdapter } from '../adapters/observability/powertools-logger.js';
import { withApiGatewayRequest } from '../adapters/observability/with-api-gateway-request.js';
import { createApiHandler } from './api/create-api-handler.js';
import { behindFrontDoor } from './api/front-door.js';
import { createReadApiDependencies } from './api/create-read-api-dependencies.js';
import { readRoutes } from './api/read-routes.js';
import { bundledConfig } from './config/bundled-config.js';

const { tableName, originVerifySecret } = readLambdaEnvironment();
const db = createDocumentClient();
const logger = new PowertoolsLoggerAdapter();

const handle = createApiHandler(
  createReadApiDependencies({
    config: bundledConfig,
    stores: { incidents: new DynamoIncidentStore(db, tableName), feed: new DynamoFeed(db, tableName) },
    // Each container rebuilds at most this often; the CDN in front caches for statusCacheSeconds on top.
    statusMaxAgeMs: 5_000,
    clock: systemClock,
    logger,
  }),
  readRoutes,
);

/** The read function: the public reads of the status, the feed and the incidents, with read-only table rights. */
export const handler = withApiGatewayRequest(logger, behindFrontDoor(originVerifySecret, handle));
