import { beforeAll, describe, expect, it } from 'vitest';
import { anApiOnDynamoDbLocal } from '../support/local-api.js';
import { aDeclaration, anUpdateBody } from '../support/builders.js';

let api: Awaited<ReturnType<typeof anApiOnDynamoDbLocal>>;

beforeAll(async () => {
  api = await anApiOnDynamoDbLocal();
});

describe('commander API on DynamoDB Local', () => {
  it('20 racing updates with the same If-Match: exactly one 201, nineteen 412, no gap in the timeline', async () => {
    const declared = await api.request('POST', '/v1/incidents', aDeclaration());
    const id = declared.json.id;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        api.request('POST', `/v1/incidents/${id}/updates`, anUpdateBody({ message: `attempt ${index}` }), { 'if-match': '"1"' }),
      ),
    );
    const codes = results.map((result) => result.statusCode).sort();
    expect(codes.filter((code) => code === 201)).toHaveLength(1);
    expect(codes.filter((code) => code === 412)).toHaveLength(19);
    const incident = (await api.request('GET', `/v1/incidents/${id}`)).json;
    expect(incident.version).toBe(2);
    expect(incident.updates.map((update: { seq: number }) => update.seq)).toEqual([1, 2]);
  });

  it('racing updates without If-Match all land, in one gap-free sequence', async () => {
    const id = (await api.request('POST', '/v1/incidents', aDeclaration())).json.id;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) => api.request('POST', `/v1/incidents/${id}/updates`, anUpdateBody({ message: `note ${index}` }))),
    );
    expect(results.every((result) => result.statusCode === 201)).toBe(true);
    const incident = (await api.request('GET', `/v1/incidents/${id}`)).json;
    expect(incident.updates.map((update: { seq: number }) => update.seq)).toEqual(Array.from({ length: 11 }, (_, index) => index + 1));
    expect(new Set(incident.updates.map((update: { message: { en: string } }) => update.message.en)).size).toBe(11);
  });

  it('an idempotent replay answers the first answer again and writes nothing', async () => {
    const id = (await api.request('POST', '/v1/incidents', aDeclaration())).json.id;
    const key = { 'idempotency-key': `resolve-${id}` };
    const first = await api.request('POST', `/v1/incidents/${id}/updates`, anUpdateBody({ status: 'resolved', message: 'Fixed.' }), key);
    expect(first.statusCode).toBe(201);
    const before = await api.allItems();
    const replay = await api.request('POST', `/v1/incidents/${id}/updates`, anUpdateBody({ status: 'resolved', message: 'Fixed.' }), key);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json).toEqual(first.json);
    expect(replay.headers['etag']).toBe(first.headers['etag']);
    expect(await api.allItems()).toEqual(before);
  });

  it('an idempotent declaration is stored once however often it is retried', async () => {
    const key = { 'idempotency-key': 'declare-once' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => api.request('POST', '/v1/incidents', aDeclaration({ title: 'Declared once' }), key)));
    expect(new Set(answers.map((answer) => answer.json.id)).size).toBe(1);
    expect(answers.every((answer) => answer.statusCode === 201)).toBe(true);
    const all = (await api.request('GET', '/v1/incidents', undefined, {}, 'state=all&limit=100')).json.items;
    expect(all.filter((incident: { title: string }) => incident.title === 'Declared once')).toHaveLength(1);
  });

  it('the same key with a different body is 422 and writes nothing', async () => {
    const id = (await api.request('POST', '/v1/incidents', aDeclaration())).json.id;
    const key = { 'idempotency-key': `k-${id}` };
    await api.request('POST', `/v1/incidents/${id}/updates`, anUpdateBody({ message: 'first words' }), key);
    const before = await api.allItems();
    const reused = await api.request('POST', `/v1/incidents/${id}/updates`, anUpdateBody({ message: 'other words' }), key);
    expect(reused.statusCode).toBe(422);
    expect(reused.headers['content-type']).toBe('application/problem+json');
    expect(await api.allItems()).toEqual(before);
  });

  it('an update after resolution is 409 and writes nothing', async () => {
    const id = (await api.request('POST', '/v1/incidents', aDeclaration())).json.id;
    await api.request('POST', `/v1/incidents/${id}/updates`, anUpdateBody({ status: 'resolved' }));
    const before = await api.allItems();
    expect((await api.request('POST', `/v1/incidents/${id}/updates`, anUpdateBody())).statusCode).toBe(409);
    expect(await api.allItems()).toEqual(before);
  });
});

describe('listing incidents', () => {
  it('pagination visits every incident exactly once, newest first', async () => {
    const fresh = await anApiOnDynamoDbLocal();
    const created: string[] = [];
    for (let index = 0; index < 13; index++) {
      created.push((await fresh.request('POST', '/v1/incidents', aDeclaration({ title: `Incident ${index}` }))).json.id);
    }
    for (const id of created.slice(0, 4)) await fresh.request('POST', `/v1/incidents/${id}/updates`, anUpdateBody({ status: 'resolved' }));

    for (const [state, expected] of [
      ['all', created],
      ['open', created.slice(4)],
      ['resolved', created.slice(0, 4)],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `state=${state}&limit=4${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await fresh.request('GET', '/v1/incidents', undefined, {}, query)).json;
        seen.push(...page.items.map((incident: { id: string }) => incident.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...expected].reverse());
    }
  });

  it('status shows the worst open impact per component and forgets resolved incidents', async () => {
    const fresh = await anApiOnDynamoDbLocal();
    const id = (await fresh.request('POST', '/v1/incidents', aDeclaration({ components: [{ id: 'chat', status: 'major_outage' }] }))).json.id;
    let status = (await fresh.request('GET', '/v1/status')).json;
    expect(status.status).toBe('major_outage');
    expect(status.incidents.map((incident: { id: string }) => incident.id)).toEqual([id]);
    await fresh.request('POST', `/v1/incidents/${id}/updates`, anUpdateBody({ status: 'resolved' }));
    status = (await fresh.request('GET', '/v1/status')).json;
    expect(status.status).toBe('operational');
    expect(status.incidents).toEqual([]);
  });
});
