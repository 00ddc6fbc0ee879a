import { systemClock } from '../adapters/clock.js';
import { DeliveryLedger } from '../adapters/dynamo/delivery-ledger.js';
import { createDocumentClient } from '../adapters/dynamo/document-client.js';
import { FeedStore } from '../adapters/dynamo/feed-store.js';
import { readLambdaEnvironment } from '../adapters/lambda-environment.js';
import { createInAppHandler } from './inapp/create-inapp-handler.js';

const { TABLE_NAME } = readLambdaEnvironment();
const db = createDocumentClient();

/** SQS (in-app queue) → one feed item per update and locale. */
export const handler = createInAppHandler({
  ledger: new DeliveryLedger(db, TABLE_NAME),
  feed: new FeedStore(db, TABLE_NAME),
  clock: systemClock,
});
