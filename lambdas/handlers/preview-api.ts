import { systemClock } from '../adapters/clock.js';
import { createDocumentClient } from '../adapters/dynamo/document-client.js';
import { DynamoIncidentStore } from '../adapters/dynamo/dynamo-incident-store.js';
import { readLambdaEnvironment } from '../adapters/lambda-environment.js';
import { PowertoolsLoggerAdapter } from '../adapters/observability/powertools-logger.js';
import { withApiGatewayRequest } from '../adapters/observability/with-api-gateway-request.js';
import { commanderRequirementOf } from './api/commander-auth.js';
import { createApiHandler } from './api/create-api-handler.js';
import { createPreviewApiDependencies } from './api/create-preview-api-dependencies.js';
import { behindFrontDoor } from './api/front-door.js';
import { previewRoutes } from './api/preview-routes.js';
import { bundledConfig } from './config/bundled-config.js';

const { tableName, originVerifySecret } = readLambdaEnvironment();
const logger = new PowertoolsLoggerAdapter();

const handle = createApiHandler(
  createPreviewApiDependencies({
    config: bundledConfig,
    incidents: new DynamoIncidentStore(createDocumentClient(), tableName),
    // As in the write function: the JWT authorizer has checked the token and its scope; the function checks the scope and groups again.
    auth: { mode: 'jwt-authorizer', requirement: commanderRequirementOf(bundledConfig) },
    clock: systemClock,
    logger,
  }),
  previewRoutes,
);

/**
 * The preview function: the commanders' previews, which render every channel and locale and store and
 * send nothing, with read-only table rights. The renderers ride here, not in the write function, so the
 * function a commander declares an incident with during an outage cold-starts without them.
 */
export const handler = withApiGatewayRequest(logger, behindFrontDoor(originVerifySecret, handle));
