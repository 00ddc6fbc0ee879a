import { Agent } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TwitterApiPoster } from '../../lambdas/adapters/x/twitter-api-poster.js';
import { aDeclaration } from '../support/builders.js';
import { aLocalRuntimeWith } from '../support/local-runtime-with.js';
import { startXFaultStandIn } from '../support/x-fault-stand-in.js';

// X faults: the local runtime's queues and X handler, posting with twitter-api-v2 over real HTTP to
// an X stand-in that answers 429 (reset two seconds ahead, 24-hour windows with room), 500, 503, a
// timeout, and a post that lands but whose answer never comes (so the retry meets 403 duplicate),
// then success; one post X refuses for good (400).

const rejectedMarker = 'links-x-refuses.example';
const credentials = { appKey: 'app-key-7HqLx2', appSecret: 'app-secret-Zx9Vb8', accessToken: '1234567890-token-Pk2Rt', accessSecret: 'access-secret-Wm4Yc6' };

let x: Awaited<ReturnType<typeof startXFaultStandIn>>;
let local: Awaited<ReturnType<typeof aLocalRuntimeWith>>;
const agent = new Agent();

beforeAll(async () => {
  x = await startXFaultStandIn({ rejectTextsContaining: rejectedMarker });
  local = await aLocalRuntimeWith({ xPoster: new TwitterApiPoster(credentials, { apiPrefix: x.apiPrefix, httpAgent: agent, timeoutMs: 500 }) });
});

afterAll(async () => {
  await local?.runtime.stop();
  await x?.close();
  agent.destroy();
});

type Row = { channel: string; locale: string; state: string; detail?: string; seq: number };

async function xRowsOnceSettled(ids: string[]): Promise<Map<string, Row>> {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const rows = new Map<string, Row>();
    for (const id of ids) {
      const items = (await local.api.get(`/v1/incidents/${id}/deliveries`)).json.items as Row[];
      const row = items.find((item) => item.channel === 'x');
      if (row) rows.set(id, row);
    }
    const settled = rows.size === ids.length && [...rows.values()].every((row) => row.state !== 'pending');
    const deadLettered = existsSync(local.runtime.pipeline.deadLetterFile);
    if ((settled && deadLettered) || Date.now() > deadline) return rows;
    await new Promise((done) => setTimeout(done, 200));
  }
}

describe('X answering 429, 5xx, timeouts and duplicates', () => {
  it('every post goes out exactly once, none is lost, and a post X refuses ends in the dead-letter file with its reason', async () => {
    x.failNext({ rateLimitedForSeconds: 2 }, { status: 500 }, { status: 503 }, { hang: 'before-accepting' }, { hang: 'after-accepting' });

    const declared = [];
    for (const [index, component] of ['chat', 'api', 'video'].entries()) {
      const answer = await local.api.declare(aDeclaration({ impact: 'major', message: `Incident ${index}: ${component} is failing for many of you.`, components: [{ id: component, status: 'major_outage' }] }));
      expect(answer.status).toBe(201);
      declared.push(answer.json.id as string);
    }
    const refused = await local.api.declare(aDeclaration({ impact: 'critical', message: `Details at https://${rejectedMarker}/outage` }));
    const refusedId = refused.json.id as string;

    const rows = await xRowsOnceSettled([...declared, refusedId]);

    // Every fault was met, and the post whose answer was lost was refused as a duplicate when retried.
    expect(x.answers).toEqual(expect.arrayContaining(['429', '500', '503', 'timeout', 'accepted, then timeout', '403 duplicate', '400']));
    // Exactly one accepted post per update X should carry: none lost, none twice.
    expect(x.accepted.map((post) => post.text).filter((text) => !text.includes(rejectedMarker))).toHaveLength(declared.length);
    expect(new Set(x.accepted.map((post) => post.text)).size).toBe(x.accepted.length);
    expect(x.accepted.some((post) => post.text.includes(rejectedMarker))).toBe(false);
    for (const [index, component] of ['chat', 'api', 'video'].entries()) {
      expect(x.accepted.filter((post) => post.text.includes(`Incident ${index}: ${component}`))).toHaveLength(1);
    }
    for (const id of declared) expect(rows.get(id)?.state, `X delivery of ${id}`).toBe('sent');

    // The rate-limited post was tried again only after the reset X named (the 24-hour windows still had room).
    const limited = x.answers.indexOf('429');
    const retry = x.texts.findIndex((text, index) => index > limited && text === x.texts[limited]);
    expect(retry).toBeGreaterThan(limited);
    expect(x.arrivals[retry]).toBeGreaterThanOrEqual(x.rateLimitResets[0]! * 1000);

    expect(rows.get(refusedId)).toMatchObject({ state: 'failed', detail: expect.stringMatching(/HTTP 400.*link this account may not share/) });
    const deadLetters = readFileSync(local.runtime.pipeline.deadLetterFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { queue: string; body: string; receiveCount: number });
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]).toMatchObject({ queue: 'x', receiveCount: 5 });
    expect(JSON.parse(deadLetters[0]!.body)).toMatchObject({ incidentId: refusedId, locale: 'en' });
    // X refused once; every later receive found the `failed` row and posted nothing.
    expect(x.answers.filter((answer) => answer === '400')).toHaveLength(1);

    console.log(`X faults: ${x.answers.length} requests to X (${x.answers.join(', ')}); ${x.accepted.length} posts accepted; 1 message dead-lettered after ${deadLetters[0]!.receiveCount} receives`);
  }, 60_000);
});
