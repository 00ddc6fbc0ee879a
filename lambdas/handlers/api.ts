import { SNSClient } from '@aws-sdk/client-sns';
import rawConfig from '../../incident-comms.config.json' with { type: 'json' };
import { createDocumentClient } from '../adapters/dynamo/document-client.js';
import { readLambdaEnvironment } from '../adapters/lambda-environment.js';
import { SnsNotificationTopic } from '../adapters/sns/notification-topic.js';
import { parseConfig } from '../core/config/parse-config.js';
import { apiRoutes } from './api/api-routes.js';
import { createApiDependencies } from './api/create-api-dependencies.js';
import { createApiHandler } from './api/create-api-handler.js';

const environment = readLambdaEnvironment();
const config = parseConfig(rawConfig);
if (!environment.TOPIC_ARN) throw new Error('TOPIC_ARN is not set; email subscriptions need the notification topic');

/** API Gateway HTTP API (payload v2) entry. The JWT authorizer has checked commanders before we run. */
export const handler = createApiHandler(
  createApiDependencies({
    config,
    db: createDocumentClient(),
    tableName: environment.TABLE_NAME,
    auth: { mode: 'jwt-authorizer' },
    // Each container rebuilds at most this often; the CDN in front caches for statusCacheSeconds on top.
    statusMaxAgeMs: 5_000,
    subscriptions: new SnsNotificationTopic(new SNSClient({}), environment.TOPIC_ARN),
  }),
  apiRoutes,
);
