import { beforeEach, describe, expect, it, vi } from 'vitest';
import { declareIncident } from '../../../lambdas/core/incident/lifecycle.js';
import { logMetrics } from '../../../lambdas/core/observability/log-metrics.js';
import { anApiEvent } from '../../support/api-events.js';
import { aConfig, aDeclareInput } from '../../support/builders.js';
import { aMemoryApi } from '../../support/memory-api.js';
import { memoryStores } from '../../support/memory/memory-stores.js';
import type { MemoryStores } from '../../support/memory/memory-stores.js';
import { RecordingLogger } from '../../support/memory/recording-logger.js';

const config = aConfig();
const statusMaxAgeMs = 1_000;
const throttled = Object.assign(new Error('Throughput exceeds the current capacity of your table'), { name: 'ProvisionedThroughputExceededException' });

let clockMs: number;
let stores: MemoryStores;
let logger: RecordingLogger;
let handle: ReturnType<typeof aMemoryApi>['handle'];

beforeEach(() => {
  clockMs = Date.parse('2024-12-12T08:00:00.000Z');
  stores = memoryStores();
  ({ handle, logger } = aMemoryApi({ config, stores, clock: () => new Date(clockMs), statusMaxAgeMs }));
});

const readStatus = () => handle(anApiEvent({ path: '/v1/status' }));

describe('GET /v1/status while the incident store fails', () => {
  it('serves the last good status, marked stale and cached briefly, and logs the line the alarm counts', async () => {
    await stores.incidents.commit(declareIncident(aDeclareInput(), { incidentId: 'inc_01JF3Z00000000000000000000', updateId: 'upd_1' }, '2024-12-12T07:02:11.000Z', config), null);
    const good = await readStatus();
    expect(good.headers['cache-control']).toBe(`public, max-age=${config.statusCacheSeconds}, stale-if-error=86400`);
    expect(good.headers['x-status-stale']).toBeUndefined();

    vi.spyOn(stores.incidents, 'listOpen').mockRejectedValue(throttled);
    clockMs += statusMaxAgeMs + 1;
    const stale = await readStatus();

    expect(stale.statusCode).toBe(200);
    expect(stale.body).toBe(good.body);
    expect(stale.headers).toMatchObject({ 'x-status-stale': 'true', 'cache-control': 'public, max-age=5' });
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', message: logMetrics.StatusServedStale.message, attributes: expect.objectContaining({ reason: throttled.message, builtAt: '2024-12-12T08:00:00.000Z' }) }),
    );
    expect(logger.lines.filter((line) => line.level === 'error')).toEqual([]);
  });

  it('goes back to fresh answers once the store answers again', async () => {
    await readStatus();
    const listOpen = vi.spyOn(stores.incidents, 'listOpen').mockRejectedValueOnce(throttled);
    clockMs += statusMaxAgeMs + 1;
    expect((await readStatus()).headers['x-status-stale']).toBe('true');
    listOpen.mockRestore();
    const fresh = await readStatus();
    expect(fresh.headers['x-status-stale']).toBeUndefined();
    expect(fresh.headers['cache-control']).toContain('stale-if-error=86400');
  });

  it('answers 503 status-unavailable with Retry-After, not 500, when no status was ever built', async () => {
    vi.spyOn(stores.incidents, 'listOpen').mockRejectedValue(throttled);
    const result = await readStatus();
    expect(result.statusCode).toBe(503);
    expect(result.headers).toMatchObject({ 'content-type': 'application/problem+json', 'retry-after': '5' });
    expect(JSON.parse(result.body)).toMatchObject({ type: 'urn:incident-comms:problem:status-unavailable', status: 503 });
  });
});
