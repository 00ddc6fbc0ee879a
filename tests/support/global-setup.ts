import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/dynamodb-local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

/**
 * A DynamoDB Local per project that lists this setup (see vitest.config.ts), started only when that
 * project has files to run; each test file makes its own tables in it. One per project rather than
 * one per run: DynamoDB Local slows down for every write once its database holds many stream records
 * (measured: 100 declarations 7× slower after 37,500 streamed writes, even once their table was
 * deleted), so the hostile suite's load must not land on the integration tests running beside it.
 */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamoDbLocal();
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}
