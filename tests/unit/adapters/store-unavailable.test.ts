import { createServer } from 'node:http';
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../lambdas/adapters/dynamo/document-client.js';
import { StoreUnavailable } from '../../../lambdas/core/ports/store-errors.js';
import { freePort } from '../../../local/free-port.js';
import { listenOnLoopback } from '../../support/loopback-server.js';

// What a route or handler sees when DynamoDB does not answer: `StoreUnavailable` (a 503 with
// Retry-After at the API), never the SDK's error; DynamoDB's own "no" passes through unchanged.

const put = new PutCommand({ TableName: 'incident-comms', Item: { pk: 'A', sk: 'B' }, ConditionExpression: 'attribute_not_exists(pk)' });
const clientAt = (endpoint: string) => createDocumentClient(new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'k', secretAccessKey: 's' }, maxAttempts: 2 }));

/** A DynamoDB stand-in answering every request with `status` and an error of type `type`. */
async function answering(status: number, type: string) {
  let requests = 0;
  const server = createServer((request, response) => {
    requests++;
    request.resume();
    request.on('end', () => {
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message: type }));
    });
  });
  const listening = await listenOnLoopback(server);
  return { endpoint: `http://127.0.0.1:${listening.port}`, requests: () => requests, close: listening.close };
}

describe('a DynamoDB that does not answer', () => {
  it('is StoreUnavailable when nothing listens, after the client’s own retries', async () => {
    const db = clientAt(`http://127.0.0.1:${await freePort()}`);
    const error = await db.send(put).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreUnavailable);
    expect((error as Error).message).toMatch(/^DynamoDB did not answer: .*ECONNREFUSED/);
  });

  it('is StoreUnavailable when it keeps failing on its side or throttling, each retried by the SDK first', async () => {
    for (const [status, type] of [
      [500, 'InternalServerError'],
      [400, 'ThrottlingException'],
      [400, 'ProvisionedThroughputExceededException'],
    ] as const) {
      const stand = await answering(status, type);
      const error = await clientAt(stand.endpoint).send(put).catch((caught: unknown) => caught);
      await stand.close();
      expect(error, type).toBeInstanceOf(StoreUnavailable);
      expect(stand.requests(), type).toBe(2);
    }
  });

  it('leaves an answer that decides something alone: a failed condition is the SDK’s own error', async () => {
    const stand = await answering(400, 'ConditionalCheckFailedException');
    const error = await clientAt(stand.endpoint).send(put).catch((caught: unknown) => caught);
    await stand.close();
    expect(error).toBeInstanceOf(ConditionalCheckFailedException);
  });
});
