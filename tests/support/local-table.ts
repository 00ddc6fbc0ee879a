import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createDocumentClient } from '../../lambdas/adapters/dynamo/document-client.js';
import { createTable } from '../../local/create-table.js';
import { localCredentials, localRegion } from '../../local/dynamodb-local.js';

/** A fresh table in the run's DynamoDB Local, created from the shared definition. */
export async function aLocalTable() {
  const endpoint = inject('dynamoEndpoint');
  const client = new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials });
  const db = createDocumentClient(client);
  const tableName = `test-${randomUUID()}`;
  const { streamArn } = await createTable(client, tableName);
  return { endpoint, client, db, tableName, streamArn };
}
