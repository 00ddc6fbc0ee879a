import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { declareIncident } from '../../../lambdas/core/incident/lifecycle.js';
import { apiRoutes } from '../../../lambdas/handlers/api/api-routes.js';
import { createApiDependencies } from '../../../lambdas/handlers/api/create-api-dependencies.js';
import { createApiHandler } from '../../../lambdas/handlers/api/create-api-handler.js';
import { anApiEvent } from '../../support/api-events.js';
import { aConfig, aDeclaration, aDeclareInput, anUpdateBody } from '../../support/builders.js';

const token = 'commander-secret';
const config = aConfig();
const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
const dynamo = mockClient(DynamoDBDocumentClient);
const subscribeCalls: unknown[] = [];
const handle = createApiHandler(
  createApiDependencies({
    config,
    db,
    tableName: 'incidents',
    auth: { mode: 'shared-token', token },
    statusMaxAgeMs: 1000,
    subscriptions: { subscribe: async (...args) => void subscribeCalls.push(args) },
  }),
  apiRoutes,
  () => {},
);

const incidentId = 'inc_01JF3Z00000000000000000000';
const stored = declareIncident(aDeclareInput(), { incidentId, updateId: 'upd_1' }, '2024-12-12T07:02:11.000Z', config);

function storedItems(head = stored.head) {
  return [
    { pk: `INCIDENT#${incidentId}`, sk: 'HEAD', type: 'incident', ...head },
    { pk: `INCIDENT#${incidentId}`, sk: 'UPDATE#00000001', type: 'update', ...stored.update },
  ];
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  handle(anApiEvent({ method: 'POST', path, body, headers, commanderToken: token }));

function problemOf(result: { headers: Record<string, string>; body: string }) {
  expect(result.headers['content-type']).toBe('application/problem+json');
  return JSON.parse(result.body) as { status: number; type: string; detail: string; errors?: { path: string }[] };
}

beforeEach(() => {
  dynamo.reset();
  subscribeCalls.length = 0;
});

describe('API handler errors', () => {
  it('401 without a commander token, and DynamoDB is never asked', async () => {
    const result = await handle(anApiEvent({ method: 'POST', path: '/v1/incidents', body: aDeclaration() }));
    expect(result.statusCode).toBe(401);
    expect(problemOf(result).status).toBe(401);
    expect(result.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('401 with a wrong token even when the body is also bad (401 wins)', async () => {
    const result = await handle(anApiEvent({ method: 'POST', path: '/v1/incidents', rawBody: 'nope', commanderToken: 'guess' }));
    expect(result.statusCode).toBe(401);
  });

  it('413 for a body over 64 KiB', async () => {
    const result = await post('/v1/incidents', aDeclaration({ message: 'x'.repeat(70_000) }));
    expect(result.statusCode).toBe(413);
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('415 for a body that is not JSON', async () => {
    const result = await handle(anApiEvent({ method: 'POST', path: '/v1/incidents', rawBody: 'title=down', commanderToken: token, headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
    expect(result.statusCode).toBe(415);
    const malformed = await handle(anApiEvent({ method: 'POST', path: '/v1/incidents', rawBody: '{"title":', commanderToken: token }));
    expect(malformed.statusCode).toBe(415);
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('400 names each rejected field and sends nothing to DynamoDB', async () => {
    const result = await post('/v1/incidents', aDeclaration({ impact: 'apocalyptic', components: [{ id: 'billing', status: 'major_outage' }] }));
    expect(result.statusCode).toBe(400);
    const paths = problemOf(result).errors!.map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['impact', 'components.0.id']));
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('400 for a malformed Idempotency-Key or If-Match', async () => {
    expect((await post('/v1/incidents', aDeclaration(), { 'idempotency-key': 'k'.repeat(256) })).statusCode).toBe(400);
    expect((await post(`/v1/incidents/${incidentId}/updates`, anUpdateBody(), { 'if-match': 'yesterday' })).statusCode).toBe(400);
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('404 for an unknown incident', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });
    const result = await post(`/v1/incidents/${incidentId}/updates`, anUpdateBody());
    expect(result.statusCode).toBe(404);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('404 for an id that cannot be ours, without asking DynamoDB', async () => {
    const result = await handle(anApiEvent({ path: `/v1/incidents/${'x'.repeat(5000)}` }));
    expect(result.statusCode).toBe(404);
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('412 when If-Match is not the current version', async () => {
    dynamo.on(QueryCommand).resolves({ Items: storedItems() });
    const result = await post(`/v1/incidents/${incidentId}/updates`, anUpdateBody(), { 'if-match': '"7"' });
    expect(result.statusCode).toBe(412);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('409 for an update after resolved', async () => {
    dynamo.on(QueryCommand).resolves({ Items: storedItems({ ...stored.head, status: 'resolved', resolvedAt: '2024-12-12T11:12:11.000Z' }) });
    const result = await post(`/v1/incidents/${incidentId}/updates`, anUpdateBody());
    expect(result.statusCode).toBe(409);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('422 when an Idempotency-Key is reused with another body', async () => {
    dynamo.on(GetCommand).resolves({
      Item: { key: 'k1', requestHash: 'another-body', statusCode: 201, incidentId, version: 2, createdAt: '2024-12-12T07:30:00.000Z', expiresAt: 4102444800 },
    });
    dynamo.on(QueryCommand).resolves({ Items: storedItems() });
    const result = await post(`/v1/incidents/${incidentId}/updates`, anUpdateBody(), { 'idempotency-key': 'k1' });
    expect(result.statusCode).toBe(422);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('409 outranks 422 when a reused key meets a resolved incident', async () => {
    dynamo.on(GetCommand).resolves({ Item: { key: 'k1', requestHash: 'another-body', statusCode: 201, incidentId, version: 2, createdAt: '2024-12-12T07:30:00.000Z', expiresAt: 4102444800 } });
    dynamo.on(QueryCommand).resolves({ Items: storedItems({ ...stored.head, status: 'resolved' }) });
    expect((await post(`/v1/incidents/${incidentId}/updates`, anUpdateBody(), { 'idempotency-key': 'k1' })).statusCode).toBe(409);
  });

  it('412 when another commander wins the race under If-Match', async () => {
    dynamo.on(QueryCommand).resolves({ Items: storedItems() });
    dynamo.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }] }),
    );
    const result = await post(`/v1/incidents/${incidentId}/updates`, anUpdateBody(), { 'if-match': '"1"' });
    expect(result.statusCode).toBe(412);
  });

  it('405 for a known path with the wrong method, naming the allowed ones', async () => {
    const result = await handle(anApiEvent({ method: 'DELETE', path: '/v1/incidents' }));
    expect(result.statusCode).toBe(405);
    expect(result.headers['allow']).toContain('POST');
  });

  it('400 for a bad query parameter and a forged cursor', async () => {
    expect((await handle(anApiEvent({ path: '/v1/incidents', query: 'limit=1000' }))).statusCode).toBe(400);
    const forged = Buffer.from(JSON.stringify({ allPk: 'SOMEONE-ELSE', startedSk: 'x', pk: 'a', sk: 'b' })).toString('base64url');
    const result = await handle(anApiEvent({ path: '/v1/incidents', query: `state=all&cursor=${forged}` }));
    expect(result.statusCode).toBe(400);
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('a fault of ours is a 500 problem that says the request may be retried', async () => {
    dynamo.on(QueryCommand).rejects(new Error('network down'));
    const result = await handle(anApiEvent({ path: `/v1/incidents/${incidentId}` }));
    expect(result.statusCode).toBe(500);
    expect(problemOf(result).detail).toMatch(/retried/);
  });
});

describe('API handler success', () => {
  it('declares an incident in one transaction with Location and ETag', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    const result = await post('/v1/incidents', aDeclaration());
    expect(result.statusCode).toBe(201);
    const incident = JSON.parse(result.body);
    expect(result.headers['location']).toBe(`/v1/incidents/${incident.id}`);
    expect(result.headers['etag']).toBe('"1"');
    expect(incident.updates[0]).toMatchObject({ seq: 1, kind: 'apology' });
    const [write] = dynamo.commandCalls(TransactWriteCommand);
    expect(write!.args[0].input.TransactItems).toHaveLength(2);
  });

  it('writes the idempotency record in the same transaction as the change', async () => {
    dynamo.on(GetCommand).resolves({});
    dynamo.on(TransactWriteCommand).resolves({});
    await post('/v1/incidents', aDeclaration(), { 'idempotency-key': 'declare-1' });
    const [write] = dynamo.commandCalls(TransactWriteCommand);
    const items = write!.args[0].input.TransactItems!;
    expect(items).toHaveLength(3);
    expect(items[2]!.Put!.Item).toMatchObject({ pk: 'IDEMPOTENCY#declare-1', statusCode: 201 });
  });

  it('retries a lost race when the commander did not send If-Match', async () => {
    dynamo.on(QueryCommand).resolves({ Items: storedItems() });
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'ConditionalCheckFailed' }] }))
      .resolves({});
    const result = await post(`/v1/incidents/${incidentId}/updates`, anUpdateBody());
    expect(result.statusCode).toBe(201);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });

  it('previews every channel and locale without writing', async () => {
    dynamo.on(QueryCommand).resolves({ Items: storedItems() });
    const result = await post(`/v1/incidents/${incidentId}/preview`, anUpdateBody({ status: 'resolved', message: 'All fixed.' }));
    expect(result.statusCode).toBe(200);
    const { messages } = JSON.parse(result.body);
    expect(messages.map((message: { channel: string; locale: string }) => `${message.channel}:${message.locale}`).sort()).toEqual(
      ['email:en', 'email:id', 'inapp:en', 'inapp:id', 'x:en'],
    );
    expect(messages.every((message: { kind: string }) => message.kind === 'recovery')).toBe(true);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('serves status from the snapshot: a second read asks DynamoDB nothing', async () => {
    dynamo.on(QueryCommand).resolves({ Items: storedItems().slice(0, 1) });
    const first = await handle(anApiEvent({ path: '/v1/status' }));
    const second = await handle(anApiEvent({ path: '/v1/status' }));
    const status = JSON.parse(first.body);
    expect(status.status).toBe('operational');
    expect(status.incidents.map((incident: { id: string }) => incident.id)).toEqual([incidentId]);
    expect(second.body).toBe(first.body);
    expect(first.headers['cache-control']).toMatch(/public, max-age=\d+/);
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(1);
  });

  it('subscribes an address with a filter policy on locale and components', async () => {
    const result = await handle(anApiEvent({ method: 'POST', path: '/v1/subscriptions', body: { email: 'ana@example.com', locale: 'id', components: ['api'] } }));
    expect(result.statusCode).toBe(202);
    expect(subscribeCalls).toEqual([['ana@example.com', { channels: ['email'], locale: ['id'], components: ['api'] }, 'id']]);
  });

  it('serves an OpenAPI 3.1 document generated from the schemas', async () => {
    const result = await handle(anApiEvent({ path: '/v1/openapi.json' }));
    const document = JSON.parse(result.body);
    expect(document.openapi).toBe('3.1.0');
    expect(document.components.schemas.DeclareIncident.properties.impact.enum).toEqual(['none', 'minor', 'major', 'critical']);
    expect(document.paths['/v1/incidents'].post.security).toEqual([{ commander: [] }]);
  });
});
