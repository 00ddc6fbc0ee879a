import { SNSClient } from '@aws-sdk/client-sns';
import type { Context } from 'aws-lambda';
import rawConfig from '../../incident-comms.config.json' with { type: 'json' };
import { systemClock } from '../adapters/clock.js';
import { createDocumentClient } from '../adapters/dynamo/document-client.js';
import { createDynamoStores } from '../adapters/dynamo/dynamo-stores.js';
import { ulidIds } from '../adapters/ids.js';
import { readLambdaEnvironment, requireVariable } from '../adapters/lambda-environment.js';
import { PowertoolsLoggerAdapter } from '../adapters/observability/powertools-logger.js';
import { SnsNotificationTopic } from '../adapters/sns/notification-topic.js';
import { parseConfig } from '../core/config/parse-config.js';
import { environmentVariables } from '../core/deployment/environment-variables.js';
import { apiRoutes } from './api/api-routes.js';
import { createApiDependencies } from './api/create-api-dependencies.js';
import { createApiHandler } from './api/create-api-handler.js';

const environment = readLambdaEnvironment();
const topicArn = requireVariable(environment.topicArn, environmentVariables.topicArn, 'email subscriptions need the notification topic');
const logger = new PowertoolsLoggerAdapter();

const handle = createApiHandler(
  createApiDependencies({
    config: parseConfig(rawConfig),
    stores: createDynamoStores(createDocumentClient(), environment.tableName),
    subscriptions: new SnsNotificationTopic(new SNSClient({}), topicArn),
    // The JWT authorizer has checked commanders before the function runs.
    auth: { mode: 'jwt-authorizer' },
    // Each container rebuilds at most this often; the CDN in front caches for statusCacheSeconds on top.
    statusMaxAgeMs: 5_000,
    clock: systemClock,
    ids: ulidIds,
    logger,
  }),
  apiRoutes,
);

/** API Gateway HTTP API (payload v2) entry; every log line carries the API Gateway request id. */
export const handler = async (event: { requestContext?: { requestId?: string } }, context: Context) => {
  logger.addContext(context);
  logger.setCorrelationId(event.requestContext?.requestId ?? context.awsRequestId);
  return handle(event);
};
