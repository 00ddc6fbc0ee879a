import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { DnsWebhookDestinations } from '../../../lambdas/adapters/http/dns-webhook-destinations.js';
import type { HostResolver } from '../../../lambdas/adapters/http/host-resolver.js';
import { NodeWebhookPoster, webhookUserAgent } from '../../../lambdas/adapters/http/node-webhook-poster.js';
import { maxRetryAfterSeconds } from '../../../lambdas/adapters/http/retry-after-seconds.js';
import type { WebhookRequest } from '../../../lambdas/core/ports/webhook-poster.js';
import { listenOnLoopback } from '../../support/loopback-server.js';

interface ReceivedRequest {
  method: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Receiver {
  port: number;
  url: string;
  received: ReceivedRequest[];
  connections: () => number;
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A webhook receiver on 127.0.0.1 that records what reaches it and answers with `answer`. */
async function aReceiver(answer: (request: IncomingMessage, response: ServerResponse) => void = (_request, response) => response.writeHead(204).end()): Promise<Receiver> {
  const received: ReceivedRequest[] = [];
  let connections = 0;
  const server = createServer((request, response) => {
    response.on('error', () => {}); // the poster hangs up on long answers, on purpose
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      answer(request, response);
    });
  });
  server.on('connection', () => (connections += 1));
  const { port, close } = await listenOnLoopback(server);
  closers.push(close);
  return { port, url: `http://127.0.0.1:${port}/hooks/incidents`, received, connections: () => connections };
}

function aDelivery(url: string, overrides: Partial<WebhookRequest> = {}): WebhookRequest {
  return {
    url,
    body: JSON.stringify({ type: 'incident.updated', data: { incidentId: 'inc_1', status: 'investigating' } }),
    headers: { 'webhook-id': 'msg_1', 'webhook-timestamp': '1700000000', 'webhook-signature': 'v1,c2lnbmF0dXJl' },
    ...overrides,
  };
}

/** A resolver that answers every name with these addresses, and remembers what it was asked. */
function answering(...addresses: string[]): HostResolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (hostname: string) => {
    asked.push(hostname);
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { asked });
}

const localPoster = (options: Partial<ConstructorParameters<typeof NodeWebhookPoster>[0]> = {}) => new NodeWebhookPoster({ mode: 'local', ...options });

describe('posting a webhook delivery', () => {
  it('delivers on a 2xx, sending the signed body as is with the caller’s headers, JSON content type and our user agent', async () => {
    const receiver = await aReceiver((_request, response) => response.writeHead(200).end('ok'));
    const delivery = aDelivery(receiver.url, { headers: { 'webhook-id': 'msg_1', 'Content-Type': 'text/plain', 'User-Agent': 'spoofed' } });

    expect(await localPoster().post(delivery)).toEqual({ outcome: 'delivered', status: 200 });
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(request?.method).toBe('POST');
    expect(request?.body).toBe(delivery.body);
    expect(request?.headers).toMatchObject({ 'webhook-id': 'msg_1', 'content-type': 'application/json', 'user-agent': webhookUserAgent });
  });

  it('fails with the status when the receiver answers 500', async () => {
    const receiver = await aReceiver((_request, response) => response.writeHead(500).end('boom'));
    expect(await localPoster().post(aDelivery(receiver.url))).toEqual({ outcome: 'failed', reason: 'answered 500', status: 500 });
  });

  it('does not follow a redirect: a 302 is a failure and its target hears nothing', async () => {
    const target = await aReceiver();
    const redirecting = await aReceiver((_request, response) => response.writeHead(302, { location: target.url }).end());

    expect(await localPoster().post(aDelivery(redirecting.url))).toEqual({ outcome: 'failed', reason: 'answered 302 (redirects are not followed)', status: 302 });
    expect(target.connections()).toBe(0);
  });

  it('gives up when the receiver never answers', async () => {
    const silent = await aReceiver(() => {});
    const started = performance.now();

    expect(await localPoster({ timeoutMs: 150 }).post(aDelivery(silent.url))).toEqual({ outcome: 'failed', reason: 'timed out after 0.15 s' });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('counts resolving the name within the same timeout', async () => {
    const hanging: HostResolver = () => new Promise(() => {});
    expect(await localPoster({ timeoutMs: 100, resolve: hanging }).post(aDelivery('http://localhost:9/hooks'))).toEqual({ outcome: 'failed', reason: 'timed out after 0.1 s' });
  });

  it('stops reading a long answer after 4 KiB and still counts the 200', async () => {
    // 64 KiB at once, then the answer is held open: only a reader that stops at 4 KiB returns before the timeout.
    const neverEnding = await aReceiver((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write(Buffer.alloc(64 * 1024, 'x'));
    });
    const started = performance.now();

    // A timeout far longer than the test waits: a delivered answer proves reading stopped, not the clock.
    expect(await localPoster({ timeoutMs: 5_000 }).post(aDelivery(neverEnding.url))).toEqual({ outcome: 'delivered', status: 200 });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('fails with a reason when nothing listens', async () => {
    const gone = await aReceiver();
    await closers.pop()?.();
    expect(await localPoster().post(aDelivery(gone.url))).toEqual({ outcome: 'failed', reason: 'the connection was refused' });
  });

  it('never throws, even on a header no HTTP request may carry', async () => {
    const receiver = await aReceiver();
    const response = await localPoster().post(aDelivery(receiver.url, { headers: { 'webhook-id': 'msg_1\r\nx-injected: 1' } }));
    expect(response).toEqual({ outcome: 'failed', reason: expect.stringMatching(/^the request failed: Invalid character in header content/) as unknown });
    expect(receiver.received).toHaveLength(0);
  });
});

describe('a receiver asking for a pause', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');

  it.each([
    [429, '7', 7],
    [503, '120', 120],
    [429, 'Sun, 01 Mar 2026 12:01:30 GMT', 90],
    [503, 'Sun, 01 Mar 2026 11:00:00 GMT', 0],
    [429, '604800', maxRetryAfterSeconds],
    [429, 'Mon, 01 Mar 2027 12:00:00 GMT', maxRetryAfterSeconds],
  ])('%i with Retry-After %j waits %i s', async (status, retryAfter, seconds) => {
    const receiver = await aReceiver((_request, response) => response.writeHead(status, { 'retry-after': retryAfter }).end());
    expect(await localPoster({ now: () => now }).post(aDelivery(receiver.url))).toEqual({
      outcome: 'failed',
      reason: `answered ${status}`,
      status,
      retryAfterSeconds: seconds,
    });
  });

  it.each([
    [429, 'soon'],
    [429, '-5'],
    [500, '7'],
  ])('%i with Retry-After %j names no wait', async (status, retryAfter) => {
    const receiver = await aReceiver((_request, response) => response.writeHead(status, { 'retry-after': retryAfter }).end());
    const response = await localPoster({ now: () => now }).post(aDelivery(receiver.url));
    expect(response).toEqual({ outcome: 'failed', reason: `answered ${status}`, status });
  });
});

describe('where a delivery may connect', () => {
  it('deployed, refuses a URL to 127.0.0.1 before connecting', async () => {
    const receiver = await aReceiver();
    const poster = new NodeWebhookPoster({ mode: 'deployed' });

    expect(await poster.post(aDelivery(`https://127.0.0.1:${receiver.port}/hooks`))).toEqual({ outcome: 'failed', reason: '127.0.0.1 is a loopback address' });
    expect(await poster.post(aDelivery(receiver.url))).toEqual({ outcome: 'failed', reason: 'the URL must use https://' });
    expect(receiver.connections()).toBe(0);
  });

  it('deployed, refuses at connection a host name that now resolves to this machine, though it resolved to a public address at subscription', async () => {
    const receiver = await aReceiver();
    const url = `https://webhook.example:${receiver.port}/hooks`;
    let answer = '93.184.216.34';
    const rebinding: HostResolver = async () => [{ address: answer, family: 4 }];

    expect(await new DnsWebhookDestinations({ mode: 'deployed', resolve: rebinding }).refusal(url)).toBeUndefined();
    answer = '127.0.0.1';
    expect(await new NodeWebhookPoster({ mode: 'deployed', resolve: rebinding }).post(aDelivery(url))).toEqual({
      outcome: 'failed',
      reason: 'webhook.example resolves to 127.0.0.1, a loopback address',
    });
    expect(receiver.connections()).toBe(0);
  });

  it('connects through its own checked lookup: the name is resolved by the poster and the answer used', async () => {
    const receiver = await aReceiver();
    const resolve = answering('127.0.0.1');

    expect(await localPoster({ resolve }).post(aDelivery(`http://localhost:${receiver.port}/hooks`))).toEqual({ outcome: 'delivered', status: 204 });
    expect(resolve.asked).toEqual(['localhost']);
  });

  it('locally too, refuses a name whose answer holds a private address beside this machine', async () => {
    const receiver = await aReceiver();
    const resolve = answering('127.0.0.1', '10.0.0.5');

    expect(await localPoster({ resolve }).post(aDelivery(`http://localhost:${receiver.port}/hooks`))).toEqual({
      outcome: 'failed',
      reason: 'localhost resolves to 10.0.0.5, a private address',
    });
    expect(receiver.connections()).toBe(0);
  });

  it('fails with a reason when the name does not resolve', async () => {
    const notFound: HostResolver = async (hostname) => {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
    };
    expect(await new NodeWebhookPoster({ mode: 'deployed', resolve: notFound }).post(aDelivery('https://webhook.example/hooks'))).toEqual({
      outcome: 'failed',
      reason: 'webhook.example does not resolve',
    });
  });
});
