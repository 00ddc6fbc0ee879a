import { afterAll, beforeAll } from 'vitest';
import { startDynamoDbLocal } from '../../local/dynamodb-local.js';
import type { DynamoDbLocal } from '../../local/dynamodb-local.js';
import { useOwnDynamoDbLocal } from './dynamo-endpoint.js';

// A setup file: a DynamoDB Local of this test file's own, for files that write tens of thousands of
// streamed items. DynamoDB Local slows down for every later write once its database holds many
// stream records (tests/support/global-setup.ts), so each such file starts from an empty one and
// none of them pays for the ones before it.
let dynamo: DynamoDbLocal | undefined;

beforeAll(async () => {
  dynamo = await startDynamoDbLocal();
  useOwnDynamoDbLocal(dynamo.endpoint);
}, 60_000);

afterAll(async () => {
  await dynamo?.stop();
});
