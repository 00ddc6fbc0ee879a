import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '../../lambdas/adapters/dynamo/document-client.js';
import { createTables, localStoreTables } from '../../local/create-table.js';
import { localCredentials, localRegion } from '../../local/dynamodb-local.js';
import { dynamoEndpoint } from './dynamo-endpoint.js';

/** Fresh tables in the run's DynamoDB Local, created from the shared definitions (`tableName` and `recipientTableName`). */
export async function aLocalTable() {
  const endpoint = dynamoEndpoint();
  const client = new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials });
  const db = createDocumentClient(client);
  const tables = localStoreTables(`test-${randomUUID()}`);
  const { streamArn } = await createTables(client, tables);
  return { endpoint, client, db, ...tables, streamArn };
}
