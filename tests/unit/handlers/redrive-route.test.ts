import { beforeEach, describe, expect, it, vi } from 'vitest';
import { addUpdate, declareIncident } from '../../../lambdas/core/incident/lifecycle.js';
import type { ApiResult } from '../../../lambdas/handlers/api/http.js';
import { anApiEvent } from '../../support/api-events.js';
import { aConfig, aDeclareInput, anAddUpdateInput } from '../../support/builders.js';
import { memoryStores } from '../../support/memory/memory-stores.js';
import type { MemoryStores } from '../../support/memory/memory-stores.js';
import { aMemoryApi } from '../../support/memory-api.js';
import { countingIds } from '../../support/subscribers.js';

const config = aConfig();
const token = 'commander-secret';
const incidentId = 'inc_01JF3Z00000000000000000000';
const now = new Date('2024-12-12T08:00:00.000Z');

let stores: MemoryStores;
let handle: ReturnType<typeof aMemoryApi>['handle'];

beforeEach(async () => {
  stores = memoryStores();
  ({ handle } = aMemoryApi({ config, stores, clock: () => now, commanderToken: token, ids: countingIds() }));
  const declared = declareIncident(aDeclareInput(), { incidentId, updateId: 'upd_1' }, '2024-12-12T07:02:11.000Z', config);
  await stores.incidents.commit(declared, null);
  await stores.incidents.commit(addUpdate(declared.head, anAddUpdateInput(), 'upd_2', '2024-12-12T07:20:00.000Z', config), 1);
  // What the channels left: failures on X and in-app, a sent row, and an email row (its own ledger).
  const row = (seq: number, channel: 'x' | 'inapp' | 'email', locale: string, state: 'failed' | 'sent') =>
    stores.deliveries.put({ incidentId, updateId: `upd_${seq}`, seq, channel, locale, state, attempts: 1, detail: state === 'failed' ? 'X rejected the post (HTTP 403): …' : undefined, updatedAt: '2024-12-12T07:30:00.000Z' } as never);
  row(1, 'x', 'en', 'failed');
  row(1, 'inapp', 'en', 'sent');
  row(2, 'x', 'en', 'failed');
  row(2, 'inapp', 'id', 'failed');
  row(2, 'email', 'en', 'failed');
});

function redrive(body: unknown, commanderToken: string | undefined = token): Promise<ApiResult> {
  return handle(anApiEvent({ method: 'POST', path: `/v1/incidents/${incidentId}/deliveries/redrive`, body, ...(commanderToken ? { commanderToken } : {}) }));
}

describe('POST /v1/incidents/{id}/deliveries/redrive', () => {
  it('resets every failed X and in-app delivery to pending and stores one request per update, with the update as it was', async () => {
    const result = await redrive({});

    expect(result.statusCode).toBe(202);
    expect(JSON.parse(result.body)).toEqual({
      redriven: [
        { seq: 1, channel: 'x', locale: 'en' },
        { seq: 2, channel: 'inapp', locale: 'id' },
        { seq: 2, channel: 'x', locale: 'en' },
      ],
    });
    const rows = await stores.deliveries.listForIncident(incidentId);
    expect(rows.filter((row) => row.channel !== 'email').map((row) => [row.seq, row.channel, row.locale, row.state, row.redrives])).toEqual([
      [1, 'inapp', 'en', 'sent', undefined],
      [1, 'x', 'en', 'pending', 1],
      [2, 'inapp', 'id', 'pending', 1],
      [2, 'x', 'en', 'pending', 1],
    ]);
    // Email keeps its per-recipient ledger: its row is not the commander's to redrive.
    expect(rows.find((row) => row.channel === 'email')).toMatchObject({ state: 'failed' });
    expect(stores.deliveries.redriveRequests.map((request) => [request.update.id, request.targets])).toEqual([
      ['upd_1', [{ channel: 'x', locale: 'en' }]],
      ['upd_2', [{ channel: 'inapp', locale: 'id' }, { channel: 'x', locale: 'en' }]],
    ]);
    expect(stores.deliveries.redriveRequests[0]).toMatchObject({ incidentId, requestedAt: now.toISOString(), redriveId: 'rdr_1' });
  });

  it('redrives one update or one channel when the body says so', async () => {
    const result = await redrive({ seq: 2, channel: 'x' });
    expect(JSON.parse(result.body)).toEqual({ redriven: [{ seq: 2, channel: 'x', locale: 'en' }] });
    expect((await stores.deliveries.listForIncident(incidentId)).filter((row) => row.state === 'failed').map((row) => `${row.seq}:${row.channel}`)).toEqual(['1:x', '2:email', '2:inapp']);
  });

  it('reads the rows again when another redrive changed them meanwhile, and redrives what is still failed', async () => {
    const ledgerRedrive = stores.deliveries.redrive.bind(stores.deliveries);
    let raced = false;
    vi.spyOn(stores.deliveries, 'redrive').mockImplementation(async (request) => {
      if (!raced && request.update.seq === 2) {
        // Another commander's redrive of update 2's X row lands first.
        raced = true;
        await ledgerRedrive({ ...request, redriveId: 'rdr_other', targets: [{ channel: 'x', locale: 'en' }] });
        return false;
      }
      return ledgerRedrive(request);
    });

    const result = await redrive({});

    expect(result.statusCode).toBe(202);
    expect(JSON.parse(result.body).redriven).toEqual([
      { seq: 1, channel: 'x', locale: 'en' },
      { seq: 2, channel: 'inapp', locale: 'id' },
    ]);
    expect((await stores.deliveries.listForIncident(incidentId)).filter((row) => row.channel !== 'email').every((row) => row.redrives === undefined || row.redrives === 1)).toBe(true);
  });

  it('answers 202 with nothing when nothing failed, so repeating it is safe', async () => {
    await redrive({});
    const again = await redrive({});
    expect(again.statusCode).toBe(202);
    expect(JSON.parse(again.body)).toEqual({ redriven: [] });
    expect(stores.deliveries.redriveRequests).toHaveLength(2);
  });

  it.each([
    ['a channel it cannot redrive', { channel: 'email' }],
    ['a seq that is not a positive integer', { seq: 0 }],
    ['an unknown field', { everything: true }],
  ])('refuses %s with 400 and changes nothing', async (_name, body) => {
    const result = await redrive(body);
    expect(result.statusCode).toBe(400);
    expect(result.headers['content-type']).toBe('application/problem+json');
    expect(stores.deliveries.redriveRequests).toEqual([]);
  });

  it('answers 401 without a commander token and 404 for an unknown incident', async () => {
    expect((await redrive({}, '')).statusCode).toBe(401);
    const unknown = await handle(anApiEvent({ method: 'POST', path: '/v1/incidents/inc_01JF3Z99999999999999999999/deliveries/redrive', body: {}, commanderToken: token }));
    expect(unknown.statusCode).toBe(404);
    expect(stores.deliveries.redriveRequests).toEqual([]);
  });
});
