import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { dynamoEndpoint } from '../support/dynamo-endpoint.js';

// What README.md ("Running locally: what is exposed") and npm start's banner say of DynamoDB Local,
// checked against the engine the runtime starts (local/dynamodb-local.ts). When one of these fails,
// a new DynamoDB Local behaves otherwise: change what the README and the banner say with it.

/** An address of this machine that other machines reach it by, if it has one. */
const networkAddress = Object.values(networkInterfaces())
  .flat()
  .find((address) => address !== undefined && !address.internal && !address.address.startsWith('fe80:'));

function answerTo(options: { method: string; headers: Record<string, string>; body?: string }): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(dynamoEndpoint(), { method: options.method, headers: options.headers }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers }));
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

const aWebPage = 'https://a-page-you-visit.example';
const listTables = {
  'x-amz-target': 'DynamoDB_20120810.ListTables',
  'content-type': 'application/x-amz-json-1.0',
  // Any credentials do: DynamoDB Local checks none.
  authorization: 'AWS4-HMAC-SHA256 Credential=anyone/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
};

describe('DynamoDB Local as the local runtime starts it', () => {
  it('gives no web page access: no Access-Control-Allow-Origin on the preflight or on the request', async () => {
    const preflight = await answerTo({
      method: 'OPTIONS',
      headers: { origin: aWebPage, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-amz-target,content-type,authorization' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const listed = await answerTo({ method: 'POST', headers: { ...listTables, origin: aWebPage }, body: '{}' });
    expect(listed.status).toBe(200);
    expect(listed.headers['access-control-allow-origin']).toBeUndefined();
  });

  it.skipIf(networkAddress === undefined)(
    `is reachable through this machine's network address (${networkAddress?.address ?? 'none here'}), not only loopback, as README.md warns`,
    async () => {
      const port = Number(new URL(dynamoEndpoint()).port);
      const reached = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: networkAddress!.address, port, timeout: 2_000 });
        socket.once('connect', () => (socket.destroy(), resolve(true)));
        socket.once('timeout', () => (socket.destroy(), resolve(false)));
        socket.once('error', () => resolve(false));
      });
      expect(reached, 'DynamoDB Local no longer answers on a network address: update README.md and the banner in local/main.ts').toBe(true);
    },
  );
});
