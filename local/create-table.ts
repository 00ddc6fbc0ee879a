import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { StoreTables } from '../lambdas/adapters/dynamo/dynamo-stores.js';
import { globalSecondaryIndexesOf, keyAttributeNamesOf, recipientTableDefinition, tableDefinition } from '../lambdas/core/store/table-definition.js';
import type { TableShape } from '../lambdas/core/store/table-definition.js';

/** The local names of the two tables: the recipient table is named after the main one. */
export function localStoreTables(tableName: string): StoreTables {
  return { tableName, recipientTableName: `${tableName}-recipients` };
}

/** Creates both tables exactly as the CDK store construct declares them, from the same definitions. */
export async function createTables(client: DynamoDBClient, tables: StoreTables): Promise<{ streamArn: string }> {
  const streamArn = await createTable(client, tables.tableName, tableDefinition);
  await createTable(client, tables.recipientTableName, recipientTableDefinition);
  if (!streamArn) throw new Error(`table ${tables.tableName} was created without a stream`);
  return { streamArn };
}

/**
 * The tables of a `--data-dir` that already has them, or new ones. A data directory from before the
 * recipient table existed gets it added; its subscribers, if any, stay in the main table unread.
 */
export async function ensureTables(client: DynamoDBClient, tables: StoreTables): Promise<{ streamArn: string }> {
  const existing = await describe(client, tables.tableName);
  if (!existing) return createTables(client, tables);
  if (!existing.LatestStreamArn) throw new Error(`table ${tables.tableName} exists without a stream; delete the --data-dir folder and start again`);
  if (!(await describe(client, tables.recipientTableName))) await createTable(client, tables.recipientTableName, recipientTableDefinition);
  return { streamArn: existing.LatestStreamArn };
}

async function describe(client: DynamoDBClient, tableName: string) {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

async function createTable(client: DynamoDBClient, tableName: string, shape: TableShape): Promise<string | undefined> {
  const created = await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: keyAttributeNamesOf(shape).map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: shape.partitionKey, KeyType: 'HASH' },
        { AttributeName: shape.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: globalSecondaryIndexesOf(shape).map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      ...(shape.streamViewType ? { StreamSpecification: { StreamEnabled: true, StreamViewType: shape.streamViewType } } : {}),
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: shape.timeToLiveAttribute, Enabled: true },
    }),
  );
  return created.TableDescription?.LatestStreamArn;
}
