import { describe, expect, it } from 'vitest';
import { createApiHandler } from '../../../lambdas/handlers/api/create-api-handler.js';
import { createReadApiDependencies } from '../../../lambdas/handlers/api/create-read-api-dependencies.js';
import { readRoutes } from '../../../lambdas/handlers/api/read-routes.js';
import { anApiEvent } from '../../support/api-events.js';
import { aConfig } from '../../support/builders.js';
import { memoryStores } from '../../support/memory/memory-stores.js';
import { RecordingLogger } from '../../support/memory/recording-logger.js';

// Every spelling of a number the API accepted was another cache key at the CDN: `limit` is read
// only as a plain decimal, anything else is a 400 that names the parameter.

const handle = createApiHandler(createReadApiDependencies({ config: aConfig(), stores: memoryStores(), statusMaxAgeMs: 1000, clock: () => new Date(), logger: new RecordingLogger() }), readRoutes);

describe('the limit of a page', () => {
  it.each(['0x10', '05', '1e1', '%205', '5%20', '+5', '-5', '5.0', '0', '101', '', '99999999999999999999'])('is refused when spelt %j', async (limit) => {
    for (const path of ['/v1/feed', '/v1/incidents']) {
      const answer = await handle(anApiEvent({ path, query: `limit=${limit}` }));
      expect(answer.statusCode, `${path}?limit=${limit}`).toBe(400);
      expect(answer.headers['content-type']).toBe('application/problem+json');
      expect(answer.body).toContain('plain decimal number from 1 to 100');
    }
  });

  it.each([['1', 1], ['5', 5], ['100', 100]])('is read when spelt %j', async (limit) => {
    const answer = await handle(anApiEvent({ path: '/v1/feed', query: `limit=${limit}` }));
    expect(answer.statusCode).toBe(200);
  });

  it('defaults when absent', async () => {
    expect((await handle(anApiEvent({ path: '/v1/feed' }))).statusCode).toBe(200);
    expect((await handle(anApiEvent({ path: '/v1/incidents' }))).statusCode).toBe(200);
  });
});
