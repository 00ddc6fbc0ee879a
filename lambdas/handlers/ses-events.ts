import { systemClock } from '../adapters/clock.js';
import { createDocumentClient } from '../adapters/dynamo/document-client.js';
import { DynamoSubscriberStore } from '../adapters/dynamo/dynamo-subscriber-store.js';
import { readLambdaEnvironment, storeTablesOf } from '../adapters/lambda-environment.js';
import { PowertoolsLoggerAdapter } from '../adapters/observability/powertools-logger.js';
import { PowertoolsMetricsAdapter } from '../adapters/observability/powertools-metrics.js';
import { withLambdaContext } from '../adapters/observability/with-lambda-context.js';
import { createSesEventsHandler } from './email/create-ses-events-handler.js';

// Only the subscriber store: the shared factory's every other store would be bundled, and loaded at each cold start, for nothing.
const subscribers = new DynamoSubscriberStore(createDocumentClient(), storeTablesOf(readLambdaEnvironment()));
const logger = new PowertoolsLoggerAdapter();

/** EventBridge (the SES configuration set's bounces and complaints) → the address suppressed. */
export const handler = withLambdaContext(logger, createSesEventsHandler({ subscribers, clock: systemClock, logger, metrics: new PowertoolsMetricsAdapter() }));
