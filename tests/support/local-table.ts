import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { createTable } from '../../local/create-table.js';
import { localCredentials, localRegion } from '../../local/dynamodb-local.js';

/** A fresh table in the run's DynamoDB Local, created from the shared definition. */
export async function aLocalTable() {
  const endpoint = inject('dynamoEndpoint');
  const client = new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials });
  const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const tableName = `test-${randomUUID()}`;
  const { streamArn } = await createTable(client, tableName);
  return { endpoint, client, db, tableName, streamArn };
}
