import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxXPoster } from '../../lambdas/adapters/x/outbox-x-poster.js';
import { startLocalRuntime } from '../../local/start-local-runtime.js';
import type { LocalRuntime } from '../../local/start-local-runtime.js';
import { apiClient } from '../support/api-client.js';
import { aConfig, aDeclaration, anUpdateBody } from '../support/builders.js';
import { eventually } from '../support/eventually.js';
import { exclusiveLock } from '../support/exclusive-lock.js';
import { xPostsIn } from '../support/outbox.js';

// DynamoDB Local killed (SIGKILL, as the OOM killer would) while deliveries are in flight: the
// runtime's supervisor starts it again over the same --data-dir, the status page keeps answering
// from its last snapshot meanwhile, the queues' retries and the stream poller carry on afterwards.

let runtime: LocalRuntime | undefined;
const lines: string[] = [];

// Not beside tests/hostile/runtime-crash.test.ts: see exclusiveLock.
let releaseEngineRestarts: (() => void) | undefined;
beforeAll(async () => {
  releaseEngineRestarts = await exclusiveLock('engine-restarts');
}, 600_000);

afterAll(async () => {
  await runtime?.stop();
  releaseEngineRestarts?.();
});

type Row = { seq: number; channel: string; locale: string; state: string };


describe('DynamoDB Local killed while deliveries are in flight', () => {
  it('comes back over the same data, nothing lost and nothing sent twice, the status page answering meanwhile', async () => {
    const outboxDir = mkdtempSync(join(tmpdir(), 'engine-kill-outbox-'));
    const outbox = new OutboxXPoster({ outboxDir });
    runtime = await startLocalRuntime({
      port: 0,
      dataDir: mkdtempSync(join(tmpdir(), 'engine-kill-data-')),
      outboxDir,
      config: aConfig(),
      commanderToken: 'engine-kill',
      // X answers in a second, so its posts of the burst are still going out when the engine dies.
      xPoster: { post: async (request) => (await new Promise((done) => setTimeout(done, 1_000)), outbox.post(request)) },
      // Each retry comes two seconds later: the engine's restart (about five) fits in the receives a message has.
      redeliveryDelayMs: 2_000,
      log: (line) => lines.push(line),
    });
    const api = apiClient(runtime.url, runtime.commanderToken);
    const id = (await api.declare(aDeclaration())).json.id as string;
    expect(await runtime.pipeline.settled(30_000)).toBe(true);
    const statusBefore = await fetch(`${runtime.url}/v1/status`);
    expect(statusBefore.status).toBe(200);
    const before = (await statusBefore.json()) as { incidents: { id: string }[] };
    expect(before.incidents.map((incident) => incident.id)).toContain(id);

    for (let n = 2; n <= 6; n++) expect((await api.update(id, anUpdateBody({ message: `Update ${n}: rolling back, region by region.` }))).status).toBe(201);
    // The kill lands once the burst is stored and fanned out, while X (a second a post) is still at it.
    // DynamoDB Local itself can lose a write it acknowledged in the instant before a SIGKILL (seen here:
    // the incident's head went back one version after the restart), which no caller could make up for;
    // what this test holds the runtime to is every delivery in flight.
    await runtime.pipeline.poller.idle();
    const inFlight = (await runtime.stores.deliveries.listForIncident(id)).filter((row) => row.channel === 'x' && row.state === 'pending');
    expect(inFlight.length, 'X posts of the burst still to go when the engine dies').toBeGreaterThan(0);
    const enginePid = runtime.dynamoDbLocal!.pid!;
    process.kill(enginePid, 'SIGKILL');

    // While the engine is away: the page is served from the last published snapshot.
    const during = await fetch(`${runtime.url}/v1/status`);
    expect(during.status).toBe(200);
    expect(((await during.json()) as { incidents: { id: string }[] }).incidents.map((incident) => incident.id)).toContain(id);

    // A commander's update meanwhile is answered 503 with Retry-After, and counts once when sent again with its key.
    const lastUpdate = () => api.update(id, anUpdateBody({ message: 'Update 7: sent while the store was away.' }), { 'Idempotency-Key': 'engine-kill-update-7' });
    const refused = await lastUpdate();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(refused.json).toMatchObject({ type: 'urn:incident-comms:problem:store-unavailable', status: 503 });

    await eventually(async () => lines.some((line) => line.includes('DynamoDB Local is back')), Boolean, 60_000);
    expect((await eventually(lastUpdate, (answer) => answer.status !== 503, 10_000)).status).toBe(201);
    expect(runtime.dynamoDbLocal!.pid).not.toBe(enginePid);
    const rows = await eventually(
      async () => {
        const answer = await api.get(`/v1/incidents/${id}/deliveries`);
        return answer.status === 200 ? (answer.json.items as Row[]) : [];
      },
      (items) => items.length === 7 * 7 && items.every((row) => row.state === 'sent'),
      // An X post in flight waits out its claim's 35-second lease before it is tried again.
      120_000,
    );
    expect(rows.filter((row) => row.state !== 'sent')).toEqual([]);
    expect(rows.length, `the runtime's log:\n${lines.filter((line) => !/ (delivered|sent|done)$/.test(line)).join('\n')}`).toBe(7 * 7);

    const updateIds = ((await api.get(`/v1/incidents/${id}`)).json.updates as { id: string }[]).map((update) => update.id).sort();
    expect(xPostsIn(outboxDir).map((post) => post.updateId).sort()).toEqual(updateIds);
    for (const locale of ['en', 'id']) {
      const feed = (await api.get(`/v1/feed?locale=${locale}&limit=100`)).json.items as { updateId: string }[];
      expect(feed.map((item) => item.updateId).sort()).toEqual(updateIds);
    }
    expect(lines.filter((line) => line.includes('moved to the dead-letter file'))).toEqual([]);
    // The outage is a few lines in the log, not ten a second.
    const outageLines = lines.filter((line) => line.startsWith('stream poller: cannot read'));
    expect(outageLines.length).toBeGreaterThan(0);
    expect(outageLines.length).toBeLessThanOrEqual(8);
    // Deliveries were in flight when the engine went: they failed, were retried, and went out once.
    expect(lines.some((line) => line.endsWith('failed, will retry'))).toBe(true);
  }, 240_000);
});
