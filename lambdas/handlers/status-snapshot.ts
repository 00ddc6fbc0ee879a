import { S3Client } from '@aws-sdk/client-s3';
import { systemClock } from '../adapters/clock.js';
import { createDocumentClient } from '../adapters/dynamo/document-client.js';
import { DynamoFeed } from '../adapters/dynamo/dynamo-feed.js';
import { DynamoIncidentStore } from '../adapters/dynamo/dynamo-incident-store.js';
import { readLambdaEnvironment, requireVariable } from '../adapters/lambda-environment.js';
import { PowertoolsLoggerAdapter } from '../adapters/observability/powertools-logger.js';
import { withLambdaContext } from '../adapters/observability/with-lambda-context.js';
import { S3SnapshotPublisher } from '../adapters/s3/s3-snapshot-publisher.js';
import { environmentVariables } from '../core/deployment/environment-variables.js';
import { createSnapshotHandler } from './snapshot/create-snapshot-handler.js';
import { bundledConfig } from './config/bundled-config.js';

const environment = readLambdaEnvironment();
const bucketName = requireVariable(environment.statusBucketName, environmentVariables.statusBucketName, 'the public snapshot has nowhere to go');
const db = createDocumentClient();
const logger = new PowertoolsLoggerAdapter();

/** The table's stream (new updates, new feed items) and a one-minute tick → the public snapshot in the status bucket. */
export const handler = withLambdaContext(
  logger,
  createSnapshotHandler({
    config: bundledConfig,
    incidents: new DynamoIncidentStore(db, environment.tableName),
    feed: new DynamoFeed(db, environment.tableName),
    publisher: new S3SnapshotPublisher(new S3Client({}), bucketName),
    clock: systemClock,
    logger,
  }),
);
