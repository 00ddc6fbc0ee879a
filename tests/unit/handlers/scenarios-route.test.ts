import { describe, expect, it } from 'vitest';
import { anApiEvent } from '../../support/api-events.js';
import { aConfig } from '../../support/builders.js';
import { aMemoryApi } from '../../support/memory-api.js';
import { memoryStores } from '../../support/memory/memory-stores.js';

// A commander mid-outage picks a prepared scenario instead of writing two languages from scratch.

const surge = {
  title: { en: 'Chat overloaded after launch', id: 'Chat kelebihan beban setelah peluncuran' },
  message: { en: 'A surge of sign-ups is overwhelming our servers.', id: 'Lonjakan pendaftaran membebani server kami.' },
  impact: 'major' as const,
  components: [{ id: 'chat', status: 'partial_outage' as const }],
};

function api() {
  return aMemoryApi({ config: aConfig({ scenarios: { 'launch-surge': surge } }), stores: memoryStores(), clock: () => new Date('2026-12-02T10:00:00Z') }).handle;
}

describe('GET /v1/scenarios', () => {
  it('lists every scenario with every text in every locale, to commanders only', async () => {
    const handle = api();
    expect((await handle(anApiEvent({ path: '/v1/scenarios' }))).statusCode).toBe(401);
    const answer = await handle(anApiEvent({ path: '/v1/scenarios', commanderToken: 'commander-secret' }));
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(answer.body)).toEqual({
      items: [{ id: 'launch-surge', title: surge.title.en, titles: surge.title, message: surge.message, impact: 'major', components: surge.components }],
    });
  });
});

describe('POST /v1/incidents with a scenario', () => {
  it('declares from the scenario alone, answering the title in every locale and component names in every locale', async () => {
    const handle = api();
    const answer = await handle(anApiEvent({ method: 'POST', path: '/v1/incidents', body: { scenario: 'launch-surge' }, commanderToken: 'commander-secret' }));
    expect(answer.statusCode).toBe(201);
    const incident = JSON.parse(answer.body);
    expect(incident).toMatchObject({ title: surge.title.en, titles: surge.title, impact: 'major', components: [{ id: 'chat', name: 'Chat', names: { en: 'Chat', id: 'Chat' }, status: 'partial_outage' }] });
    expect(incident.updates[0].message).toEqual(surge.message);
  });

  it('answers 400 for an unknown scenario and stores nothing', async () => {
    const handle = api();
    const answer = await handle(anApiEvent({ method: 'POST', path: '/v1/incidents', body: { scenario: 'alien-invasion' }, commanderToken: 'commander-secret' }));
    expect(answer.statusCode).toBe(400);
    expect(JSON.parse(answer.body).errors.map((error: { path: string }) => error.path)).toEqual(['scenario']);
    const list = await handle(anApiEvent({ path: '/v1/incidents' }));
    expect(JSON.parse(list.body).items).toEqual([]);
  });
});
