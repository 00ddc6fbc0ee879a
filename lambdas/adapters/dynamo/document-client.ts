import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { storeUnavailableMiddleware } from './store-unavailable-middleware.js';

/**
 * The one way a document client is made here: it drops `undefined` fields (optional answer fields)
 * instead of failing on them, and reports a table that does not answer as `StoreUnavailable`. Give it a client's configuration, or a client you also use for
 * table-level commands (the local runtime creates its table with the same client).
 *
 * @example
 * const db = createDocumentClient();
 * const local = createDocumentClient(new DynamoDBClient({ endpoint: 'http://127.0.0.1:8000' }));
 */
export function createDocumentClient(client: DynamoDBClientConfig | DynamoDBClient = {}): DynamoDBDocumentClient {
  const db = DynamoDBDocumentClient.from(client instanceof DynamoDBClient ? client : new DynamoDBClient(client), {
    marshallOptions: { removeUndefinedValues: true },
  });
  db.middlewareStack.use(storeUnavailableMiddleware);
  return db;
}
