import { describe, expect, it } from 'vitest';
import { operationList } from '../../../lambdas/core/api/api-contract.js';
import { createApiHandler } from '../../../lambdas/handlers/api/create-api-handler.js';
import { createPreviewApiDependencies } from '../../../lambdas/handlers/api/create-preview-api-dependencies.js';
import { createReadApiDependencies } from '../../../lambdas/handlers/api/create-read-api-dependencies.js';
import { previewRoutes } from '../../../lambdas/handlers/api/preview-routes.js';
import { readRoutes } from '../../../lambdas/handlers/api/read-routes.js';
import { writeRoutes } from '../../../lambdas/handlers/api/write-routes.js';
import { routeByContract } from '../../../local/api-gateway.js';
import { anApiEvent } from '../../support/api-events.js';
import { declareIncident } from '../../../lambdas/core/incident/lifecycle.js';
import { aConfig, aDeclaration, aDeclareInput, anUpdateBody } from '../../support/builders.js';
import { memoryStores } from '../../support/memory/memory-stores.js';
import { RecordingLogger } from '../../support/memory/recording-logger.js';

const config = aConfig();
const now = new Date('2024-12-12T08:00:00.000Z');

function theReadFunction() {
  const stores = memoryStores();
  const logger = new RecordingLogger();
  const deps = createReadApiDependencies({ config, stores, statusMaxAgeMs: 1000, clock: () => now, logger });
  return { stores, logger, handle: createApiHandler(deps, readRoutes) };
}

const commanderToken = 'preview-commander';

function thePreviewFunction() {
  const stores = memoryStores();
  const logger = new RecordingLogger();
  const deps = createPreviewApiDependencies({ config, incidents: stores.incidents, auth: { mode: 'shared-token', token: commanderToken }, clock: () => now, logger });
  return { stores, logger, deps, handle: createApiHandler(deps, previewRoutes) };
}

describe('the API split by audience', () => {
  it('gives each operation of the contract to exactly one of the three functions', () => {
    const served = [...readRoutes, ...writeRoutes, ...previewRoutes].map((route) => route.operation.id).sort();
    expect(served).toEqual(operationList.map((operation) => operation.id).sort());
    expect(readRoutes.every((route) => route.operation.servedBy === 'reads' && route.operation.access === 'public')).toBe(true);
    expect(readRoutes.every((route) => route.operation.method === 'GET')).toBe(true);
    expect(writeRoutes.every((route) => route.operation.servedBy === 'writes')).toBe(true);
  });

  it('gives the four commander previews, and only them, to the preview function', () => {
    expect(previewRoutes.map((route) => route.operation.id).sort()).toEqual(['previewDeclaration', 'previewMaintenance', 'previewMaintenanceUpdate', 'previewUpdate']);
    expect(previewRoutes.every((route) => route.operation.servedBy === 'previews' && route.operation.access === 'commander')).toBe(true);
    // The write function, the one declaring during an outage, serves no preview: their renderers stay out of its bundle.
    expect(writeRoutes.filter((route) => route.operation.path.endsWith('/preview'))).toEqual([]);
  });

  it('serves the previews from the preview function with the preview dependencies alone, behind the commander check', async () => {
    const { stores, deps, handle } = thePreviewFunction();
    // Nothing that stores, sends or holds a secret: the config, the schemas, one way to read incidents, the clock, the auth, a logger.
    expect(Object.keys(deps).sort()).toEqual(['auth', 'clock', 'config', 'incidents', 'logger', 'schemas']);
    const declaration = await handle(anApiEvent({ method: 'POST', path: '/v1/incidents/preview', body: aDeclaration(), commanderToken }));
    expect(declaration.statusCode).toBe(200);
    expect(JSON.parse(declaration.body).messages.length).toBeGreaterThan(0);
    const declared = declareIncident(aDeclareInput(), { incidentId: 'inc_01JF3Z00000000000000000000', updateId: 'upd_1' }, now.toISOString(), config);
    await stores.incidents.commit(declared, null);
    const update = await handle(anApiEvent({ method: 'POST', path: `/v1/incidents/${declared.head.id}/preview`, body: anUpdateBody(), commanderToken }));
    expect(update.statusCode).toBe(200);
    expect(JSON.parse(update.body).messages.length).toBeGreaterThan(0);
    // Stored nothing: the incident is as declared.
    expect((await stores.incidents.getIncident(declared.head.id))?.head.version).toBe(declared.head.version);
    expect((await handle(anApiEvent({ method: 'POST', path: '/v1/incidents/preview', body: aDeclaration() }))).statusCode).toBe(401);
  });

  it('treats a write reaching the preview function as a fault of the deployment, not as an answer', async () => {
    const { handle, logger } = thePreviewFunction();
    const result = await handle(anApiEvent({ method: 'POST', path: '/v1/incidents', body: aDeclaration(), commanderToken, headers: { 'idempotency-key': 'k-1' } }));
    expect(result.statusCode).toBe(500);
    expect(logger.lines.filter((line) => line.level === 'error').map((line) => String(line.attributes?.['error']))).toEqual([
      expect.stringContaining('declareIncident is served by the writes function'),
    ]);
  });

  it('serves the public reads from the read function with the read dependencies alone', async () => {
    const { stores, handle } = theReadFunction();
    const declared = declareIncident(aDeclareInput(), { incidentId: 'inc_01JF3Z00000000000000000000', updateId: 'upd_1' }, now.toISOString(), config);
    await stores.incidents.commit(declared, null);
    const status = await handle(anApiEvent({ path: '/v1/status' }));
    expect(status.statusCode).toBe(200);
    expect(JSON.parse(status.body).incidents).toHaveLength(1);
    const incident = await handle(anApiEvent({ path: `/v1/incidents/${declared.head.id}` }));
    expect(incident.statusCode).toBe(200);
    expect((await handle(anApiEvent({ path: '/v1/feed', query: 'locale=id' }))).statusCode).toBe(200);
  });

  it('answers a wrong method from the whole contract, whichever function it reaches', async () => {
    const { handle } = theReadFunction();
    const result = await handle(anApiEvent({ method: 'PUT', path: '/v1/incidents' }));
    expect(result.statusCode).toBe(405);
    expect(result.headers['allow']).toBe('POST, GET');
  });

  it('treats a write reaching the read function as a fault of the deployment, not as an answer', async () => {
    const { handle, logger } = theReadFunction();
    const result = await handle(anApiEvent({ method: 'POST', path: '/v1/incidents', body: {}, commanderToken: 'x' }));
    expect(result.statusCode).toBe(500);
    expect(logger.lines.filter((line) => line.level === 'error').map((line) => String(line.attributes?.['error']))).toEqual([
      expect.stringContaining('declareIncident is served by the writes function'),
    ]);
  });

  it('refuses at init a function given an operation it has no schema or commander check for', () => {
    const { logger } = theReadFunction();
    const deps = createReadApiDependencies({ config, stores: memoryStores(), statusMaxAgeMs: 1000, clock: () => now, logger });
    expect(() => createApiHandler(deps, writeRoutes as never)).toThrow('cannot serve declareIncident: its dependencies lack the body schema "declareIncident" and the commander check');
  });

  it('sends each request locally to the function its operation is servedBy, as the stack routes it', async () => {
    const reached: string[] = [];
    const answer = (name: string) => async () => {
      reached.push(name);
      return { statusCode: 200, headers: {}, body: '' };
    };
    const gateway = routeByContract({ reads: answer('reads'), writes: answer('writes'), previews: answer('previews') });
    await gateway(anApiEvent({ path: '/v1/incidents' }));
    await gateway(anApiEvent({ method: 'POST', path: '/v1/incidents' }));
    await gateway(anApiEvent({ method: 'POST', path: '/v1/incidents/preview' }));
    await gateway(anApiEvent({ method: 'POST', path: '/v1/incidents/inc_01JF3Z00000000000000000000/preview' }));
    await gateway(anApiEvent({ method: 'POST', path: '/v1/maintenances/preview' }));
    await gateway(anApiEvent({ method: 'POST', path: '/v1/maintenances/mnt_01JF3Z00000000000000000000/preview' }));
    await gateway(anApiEvent({ path: '/v1/status' }));
    await gateway(anApiEvent({ path: '/v1/subscriptions/confirm' }));
    await gateway(anApiEvent({ path: '/nowhere' }));
    // Not an event the API can read: the write function answers it, as it answers any bad request.
    await gateway({ rawPath: 42 });
    expect(reached).toEqual(['reads', 'writes', 'previews', 'previews', 'previews', 'previews', 'reads', 'writes', 'writes', 'writes']);
  });
});
