import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { matchOperation } from '../lambdas/handlers/api/match-operation.js';
import { toApiGatewayEvent } from './api-gateway-event.js';
import type { ClientLimitVerdict, ClientRateLimiter } from './client-rate-limiter.js';
import { describeClientLimit } from './describe-client-limit.js';
import type { ServedObject } from './pipeline/local-status-site.js';
import { readStaticFile } from './static-site.js';

export type ApiGatewayHandler = (event: unknown) => Promise<{ statusCode: number; headers: Record<string, string>; body: string }>;

export interface LocalHttpServerOptions {
  api: ApiGatewayHandler;
  webRoot: string;
  /** The published snapshot: `GET /v1/status` and `/snapshot/*` come from it, as the CDN serves them from the bucket. */
  statusSite?: { find(key: string): ServedObject | undefined };
  /**
   * What only the local runtime offers, behind the commander's token: `POST /local/dead-letters/replay`
   * hands the dead-letter file back to the queues (deployed, SQS's DLQ redrive does this).
   */
  localOperations?: { commanderToken: string; replayDeadLetters(): Promise<unknown> };
  /** The per-client limits AWS WAF enforces deployed, in front of everything else; none when absent. */
  clientLimiter?: ClientRateLimiter;
}

/** API Gateway's own payload limit is 10 MB; the handler enforces docs/api.md's 64 KiB below that. */
const maxRequestBytes = 1024 * 1024;

/**
 * The local stand-in for AWS WAF + CloudFront + API Gateway: the per-client limits first, then the
 * published snapshot (`/v1/status`, `/snapshot/*`) straight from memory, the rest of `/v1/*` to the
 * API handler as a payload v2 event (and `/v1/status` too until the first snapshot is out),
 * everything else the status site from `web/`.
 */
export function createLocalHttpServer(options: LocalHttpServerOptions): Server {
  const server = createServer((request, response) => {
    if (options.clientLimiter) {
      // The client is the address the connection comes from, as WAF's IP aggregation takes it from
      // the connection to CloudFront. Never X-Forwarded-For or any other header: there is no proxy
      // here to vouch for one, so any client could name a new address per request to escape its
      // limits, or name someone else's to use theirs up.
      const client = request.socket.remoteAddress ?? 'unknown';
      const verdict = options.clientLimiter.admit(client, request.method ?? 'GET', () => routedPath(request));
      if (!verdict.allowed) return refuseOverLimit(response, client, verdict);
    }
    // The surge path: a published object named by the request's raw path is answered at once, with
    // no URL parsing, no promise and no header object built per request.
    const published = findPublished(request, request.url ?? '/', options);
    if (published) return servePublished(request, response, published);
    serve(request, response, options).catch((error: unknown) => {
      console.error(JSON.stringify({ level: 'ERROR', message: 'local server fault', error: String(error) }));
      if (!response.headersSent) sendProblem(response, 500, 'internal', 'the local server failed; see its log');
      else response.destroy();
    });
  });
  // Node answers a request it cannot parse (headers over 16 KiB, a malformed request line) with a bare
  // 431 or 400; docs/api.md promises problem+json for every error, so say it in that form.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const slug = status === 431 ? 'headers-too-large' : 'malformed-request';
    const body = JSON.stringify({ type: `urn:incident-comms:problem:${slug}`, title: slug, status, detail: status === 431 ? 'the request line and headers are over 16 KiB' : 'the request is not valid HTTP/1.1' });
    socket.end(`HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  return server;
}

/** The published object a GET or HEAD names by `path` (its query string ignored, as the CDN's cache key ignores it). */
function findPublished(request: IncomingMessage, path: string, options: LocalHttpServerOptions): ServedObject | undefined {
  if (!options.statusSite || (request.method !== 'GET' && request.method !== 'HEAD')) return undefined;
  const queryAt = path.indexOf('?');
  return options.statusSite.find((queryAt === -1 ? path : path.slice(0, queryAt)).slice(1));
}

async function serve(request: IncomingMessage, response: ServerResponse, options: LocalHttpServerOptions) {
  const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
  // A path that only names a published object once normalised (`/v1/./status`).
  const published = findPublished(request, pathname, options);
  if (published) return servePublished(request, response, published);
  if (pathname.startsWith('/snapshot/')) return sendProblem(response, 404, 'not-found', `nothing published at ${pathname} yet`);
  if (pathname === '/local/dead-letters/replay' && options.localOperations) return replayDeadLetters(request, response, options.localOperations);
  if (pathname.startsWith('/v1/')) {
    const body = await readBody(request);
    if (body === 'too-large') return sendProblem(response, 413, 'body-too-large', `the body is over ${maxRequestBytes} bytes`);
    const result = await options.api(toApiGatewayEvent(request, body));
    const isPublicRead = request.method === 'GET' && !pathname.endsWith('/deliveries');
    response.writeHead(result.statusCode, {
      ...result.headers,
      // Customers' apps embed the widget and read the feed from their own origins.
      ...(isPublicRead ? { 'access-control-allow-origin': '*' } : {}),
    });
    response.end(result.body);
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') return sendProblem(response, 405, 'method-not-allowed', 'the status site is read-only');
  const file = await readStaticFile(options.webRoot, pathname);
  if (!file) return sendProblem(response, 404, 'not-found', `nothing at ${pathname}`);
  response.writeHead(200, file.headers);
  response.end(request.method === 'HEAD' ? undefined : file.body);
}

/**
 * The contract path the request is routed to, so that no other spelling of a limited route
 * (`/v1/./subscriptions`, `/v1/subscriptions/`, an absolute-form URL) escapes its limit; the parsed
 * path itself when no route takes it.
 */
function routedPath(request: IncomingMessage): string {
  try {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    try {
      return matchOperation(request.method ?? 'GET', pathname).operation.path;
    } catch {
      return pathname;
    }
  } catch {
    return request.url ?? '/';
  }
}

/** WAF's answer past a rate-based rule, in the form docs/api.md promises for every error. */
function refuseOverLimit(response: ServerResponse, client: string, verdict: Extract<ClientLimitVerdict, { allowed: false }>): void {
  const { limit, retryAfterSeconds } = verdict;
  const detail =
    `at most ${describeClientLimit(limit)} from one client (${limit.name}), and ${client} has reached that; ` +
    `try again in ${retryAfterSeconds} s (requests refused meanwhile count too)`;
  sendProblem(response, 429, 'too-many-requests', detail, { 'retry-after': String(retryAfterSeconds), 'cache-control': 'no-store' });
}

async function replayDeadLetters(request: IncomingMessage, response: ServerResponse, operations: NonNullable<LocalHttpServerOptions['localOperations']>): Promise<void> {
  if (request.method !== 'POST') return sendProblem(response, 405, 'method-not-allowed', 'POST replays the dead-letter file');
  if (request.headers.authorization !== `Bearer ${operations.commanderToken}`) return sendProblem(response, 401, 'unauthorized', 'send the commander token as a bearer token');
  const answer = await operations.replayDeadLetters();
  response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(answer));
}

/** A snapshot object as CloudFront answers it from the bucket: 304 to a current If-None-Match. */
function servePublished(request: IncomingMessage, response: ServerResponse, object: ServedObject): void {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined && (ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === object.etag))) {
    response.writeHead(304, object.notModifiedHeaders);
    response.end();
    return;
  }
  response.writeHead(200, object.headers);
  response.end(request.method === 'HEAD' ? undefined : object.body);
}

function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= maxRequestBytes) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > maxRequestBytes ? 'too-large' : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function sendProblem(response: ServerResponse, status: number, slug: string, detail: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...headers, 'content-type': 'application/problem+json' });
  response.end(JSON.stringify({ type: `urn:incident-comms:problem:${slug}`, title: slug, status, detail }));
}
