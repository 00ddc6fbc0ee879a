import { Agent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientLimits, everyRequestLimit, signUpLimit } from '../../lambdas/core/api/client-limits.js';
import type { ClientLimit } from '../../lambdas/core/api/client-limits.js';
import { aLocalRuntimeWith } from '../support/local-runtime-with.js';
import { mailsIn } from '../support/outbox.js';

// The per-client limits that AWS WAF enforces deployed, enforced by the local runtime's front door:
// one client floods the subscribe form (or the whole site) from 127.0.0.1 while others, from other
// loopback addresses (all of 127.0.0.0/8 is this machine's on Linux), carry on as usual.

const flood = 1_000;

let local: Awaited<ReturnType<typeof aLocalRuntimeWith>>;
const agents = new Map<string, Agent>();

beforeAll(async () => {
  // The limits `npm start` runs with.
  local = await aLocalRuntimeWith();
  expect(local.runtime.clientLimits).toEqual(clientLimits);
});

afterAll(async () => {
  for (const agent of agents.values()) agent.destroy();
  await local?.runtime.stop();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request from `from`, one of this machine's loopback addresses, over a kept-alive connection of that address. */
function send(from: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const agent = agents.get(from) ?? agents.set(from, new Agent({ keepAlive: true, maxSockets: 1 })).get(from)!;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${local.runtime.url}${path}`,
      { method, agent, localAddress: from, headers: { ...headers, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

const subscribe = (from: string, email: string) => send(from, 'POST', '/v1/subscriptions', { email });
const confirmationsTo = async (addresses: Set<string>) => (await mailsIn(local.outboxDir)).filter((mail) => addresses.has(mail.to));

function expectTooManyRequests(answer: Answer, limit: ClientLimit) {
  expect(answer.status).toBe(429);
  expect(answer.headers['content-type']).toBe('application/problem+json');
  const retryAfter = Number(answer.headers['retry-after']);
  expect(Number.isInteger(retryAfter), `Retry-After: ${String(answer.headers['retry-after'])}`).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(limit.windowSeconds);
  const problem = JSON.parse(answer.body) as { type: string; status: number; detail: string };
  expect(problem).toMatchObject({ type: 'urn:incident-comms:problem:too-many-requests', status: 429 });
  expect(problem.detail).toContain(limit.name);
  expect(problem.detail).toContain(`${limit.limit} `);
  expect(problem.detail).toContain(`${limit.windowSeconds} s`);
  expect(problem.detail).toContain(`try again in ${retryAfter} s`);
}

describe('per-client limits in front of the API', () => {
  it(`${flood} sign-ups from one client: the first ${signUpLimit.limit} are accepted, the rest refused with 429, and no more confirmation mails go out than the limit allows`, async () => {
    const addresses = Array.from({ length: flood }, (_, index) => `flood-${index}@example.com`);
    const answers: Answer[] = [];
    let neighbour: Promise<Answer> | undefined;
    for (const [index, email] of addresses.entries()) {
      // Halfway through the flood, someone else on the same machine subscribes.
      if (index === flood / 2) neighbour = subscribe('127.0.0.2', 'neighbour@example.com');
      answers.push(await subscribe('127.0.0.1', email));
    }

    expect(answers.slice(0, signUpLimit.limit).map((answer) => answer.status)).toEqual(Array(signUpLimit.limit).fill(202));
    expect(answers.slice(signUpLimit.limit).filter((answer) => answer.status !== 429).map((answer) => answer.status)).toEqual([]);
    for (const answer of answers.slice(signUpLimit.limit)) expectTooManyRequests(answer, signUpLimit);
    expect((await neighbour!).status).toBe(202);

    expect(await local.runtime.pipeline.settled()).toBe(true);
    const floodMails = await confirmationsTo(new Set(addresses));
    expect(floodMails.map((mail) => mail.to).sort()).toEqual(addresses.slice(0, signUpLimit.limit).sort());
    const neighbourMails = await confirmationsTo(new Set(['neighbour@example.com']));
    expect(neighbourMails).toHaveLength(1);
    expect(neighbourMails[0]!.text).toMatch(/\/v1\/subscriptions\/confirm\?token=/);
  }, 120_000);

  it('the client refused more sign-ups still reads the status, and is still refused sign-ups, each time told when to try again', async () => {
    expect((await send('127.0.0.1', 'GET', '/v1/status')).status).toBe(200);
    expectTooManyRequests(await subscribe('127.0.0.1', 'one-more@example.com'), signUpLimit);
    // Other spellings of the route are the same route, and the same limit.
    for (const path of ['/v1/subscriptions/', '/v1/./subscriptions', '/v1/x/../subscriptions', '/v1/subscriptions?again=1']) {
      expectTooManyRequests(await send('127.0.0.1', 'POST', path, { email: 'spelled-otherwise@example.com' }), signUpLimit);
    }
    // Nor does a header make it another client.
    for (const header of ['x-forwarded-for', 'x-real-ip', 'forwarded', 'cloudfront-viewer-address']) {
      const value = header === 'forwarded' ? 'for=203.0.113.7' : header === 'cloudfront-viewer-address' ? '203.0.113.7:443' : '203.0.113.7';
      expectTooManyRequests(await send('127.0.0.1', 'POST', '/v1/subscriptions', { email: 'forwarded@example.com' }, { [header]: value }), signUpLimit);
    }
  });

  it(`a client past ${everyRequestLimit.limit} requests is refused everything, while another still reads and subscribes`, async () => {
    for (let request = 0; request < everyRequestLimit.limit; request++) {
      const answer = await send('127.0.0.3', 'GET', '/v1/status');
      if (answer.status !== 200) throw new Error(`request ${request + 1} of ${everyRequestLimit.limit}: ${answer.status} ${answer.body}`);
    }
    expectTooManyRequests(await send('127.0.0.3', 'GET', '/v1/status'), everyRequestLimit);
    expectTooManyRequests(await send('127.0.0.3', 'GET', '/'), everyRequestLimit);
    expect((await send('127.0.0.4', 'GET', '/v1/status')).status).toBe(200);
    expect((await subscribe('127.0.0.4', 'reader@example.com')).status).toBe(202);
  }, 60_000);
});
