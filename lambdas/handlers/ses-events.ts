import { systemClock } from '../adapters/clock.js';
import { createDocumentClient } from '../adapters/dynamo/document-client.js';
import { createDynamoStores } from '../adapters/dynamo/dynamo-stores.js';
import { readLambdaEnvironment, storeTablesOf } from '../adapters/lambda-environment.js';
import { PowertoolsLoggerAdapter } from '../adapters/observability/powertools-logger.js';
import { PowertoolsMetricsAdapter } from '../adapters/observability/powertools-metrics.js';
import { withLambdaContext } from '../adapters/observability/with-lambda-context.js';
import { createSesEventsHandler } from './email/create-ses-events-handler.js';

const { subscribers } = createDynamoStores(createDocumentClient(), storeTablesOf(readLambdaEnvironment()));
const logger = new PowertoolsLoggerAdapter();

/** EventBridge (the SES configuration set's bounces and complaints) → the address suppressed. */
export const handler = withLambdaContext(logger, createSesEventsHandler({ subscribers, clock: systemClock, logger, metrics: new PowertoolsMetricsAdapter() }));
