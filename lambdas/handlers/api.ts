import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { systemClock } from '../adapters/clock.js';
import { createDocumentClient } from '../adapters/dynamo/document-client.js';
import { DynamoDeliveryLedger } from '../adapters/dynamo/dynamo-delivery-ledger.js';
import { DynamoFeed } from '../adapters/dynamo/dynamo-feed.js';
import { DynamoIdempotencyRecords } from '../adapters/dynamo/dynamo-idempotency-records.js';
import { DynamoIncidentStore } from '../adapters/dynamo/dynamo-incident-store.js';
import { DynamoRateLimiter } from '../adapters/dynamo/dynamo-rate-limiter.js';
import { DynamoSubscriberStore } from '../adapters/dynamo/dynamo-subscriber-store.js';
import { DynamoWebhookStore } from '../adapters/dynamo/dynamo-webhook-store.js';
import { ulidIds } from '../adapters/ids.js';
import { readLambdaEnvironment, storeTablesOf } from '../adapters/lambda-environment.js';
import { PowertoolsLoggerAdapter } from '../adapters/observability/powertools-logger.js';
import { withApiGatewayRequest } from '../adapters/observability/with-api-gateway-request.js';
import { secretSubscriptionTokens } from '../adapters/tokens/secret-subscription-tokens.js';
import { secretWebhookSecrets } from '../adapters/tokens/secret-webhook-secrets.js';
import { DnsWebhookDestinations } from '../adapters/http/dns-webhook-destinations.js';
import { writeRoutes } from './api/write-routes.js';
import { createApiDependencies } from './api/create-api-dependencies.js';
import { commanderRequirementOf } from './api/commander-auth.js';
import { createApiHandler } from './api/create-api-handler.js';
import { behindFrontDoor } from './api/front-door.js';
import { bundledConfig } from './config/bundled-config.js';

const environment = readLambdaEnvironment();
const logger = new PowertoolsLoggerAdapter();
const publicBaseUrl = new URL(bundledConfig.statusPageUrl).origin;
const secrets = new SecretsManagerClient({});
const db = createDocumentClient();
const tables = storeTablesOf(environment);
// Only the stores the routes use: the per-recipient ledgers of email and webhooks and the promise
// reminders would be bundled, and loaded at each cold start, for nothing.
const stores = {
  incidents: new DynamoIncidentStore(db, tables.tableName),
  idempotency: new DynamoIdempotencyRecords(db, tables.tableName),
  deliveries: new DynamoDeliveryLedger(db, tables.tableName),
  feed: new DynamoFeed(db, tables.tableName),
  subscribers: new DynamoSubscriberStore(db, tables),
  rateLimiter: new DynamoRateLimiter(db, tables.tableName),
  webhooks: new DynamoWebhookStore(db, tables.recipientTableName),
};

const handle = createApiHandler(
  createApiDependencies({
    config: bundledConfig,
    stores,
    // The key is read on the first request that needs a token, never at cold start; a missing or
    // unreadable secret fails only the subscription routes, so commanders can still declare incidents.
    tokens: secretSubscriptionTokens(secrets, environment.tokenSecretArn),
    // Webhook signing secrets come from the same key; deployed, a webhook URL must be https to a public address.
    webhookSecrets: secretWebhookSecrets(secrets, environment.tokenSecretArn),
    webhookDestinations: new DnsWebhookDestinations({ mode: 'deployed' }),
    // Mail links and pages point at the status page's origin, which serves /v1/subscriptions* too.
    publicBaseUrl: () => publicBaseUrl,
    // The JWT authorizer has checked the token and its scope; the function checks the scope and groups again.
    auth: { mode: 'jwt-authorizer', requirement: commanderRequirementOf(bundledConfig) },
    // Each container rebuilds at most this often; the CDN in front caches for statusCacheSeconds on top.
    statusMaxAgeMs: 5_000,
    clock: systemClock,
    ids: ulidIds,
    logger,
  }),
  writeRoutes,
);

/** The write function: the commanders' and the subscribers' routes. */
export const handler = withApiGatewayRequest(logger, behindFrontDoor(environment.originVerifySecret, handle));
