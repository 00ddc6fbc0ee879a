import { describe, expect, it } from 'vitest';
import { operationList } from '../../../lambdas/core/api/api-contract.js';
import { createApiHandler } from '../../../lambdas/handlers/api/create-api-handler.js';
import { createReadApiDependencies } from '../../../lambdas/handlers/api/create-read-api-dependencies.js';
import { readRoutes } from '../../../lambdas/handlers/api/read-routes.js';
import { writeRoutes } from '../../../lambdas/handlers/api/write-routes.js';
import { routeByContract } from '../../../local/api-gateway.js';
import { anApiEvent } from '../../support/api-events.js';
import { declareIncident } from '../../../lambdas/core/incident/lifecycle.js';
import { aConfig, aDeclareInput } from '../../support/builders.js';
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

describe('the API split by audience', () => {
  it('gives each operation of the contract to exactly one of the two functions', () => {
    const served = [...readRoutes, ...writeRoutes].map((route) => route.operation.id).sort();
    expect(served).toEqual(operationList.map((operation) => operation.id).sort());
    expect(readRoutes.every((route) => route.operation.servedBy === 'reads' && route.operation.access === 'public')).toBe(true);
    expect(readRoutes.every((route) => route.operation.method === 'GET')).toBe(true);
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
    const gateway = routeByContract({ reads: answer('reads'), writes: answer('writes') });
    await gateway(anApiEvent({ path: '/v1/incidents' }));
    await gateway(anApiEvent({ method: 'POST', path: '/v1/incidents' }));
    await gateway(anApiEvent({ path: '/v1/status' }));
    await gateway(anApiEvent({ path: '/v1/subscriptions/confirm' }));
    await gateway(anApiEvent({ path: '/nowhere' }));
    // Not an event the API can read: the write function answers it, as it answers any bad request.
    await gateway({ rawPath: 42 });
    expect(reached).toEqual(['reads', 'writes', 'reads', 'writes', 'writes', 'writes']);
  });
});
