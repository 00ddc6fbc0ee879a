import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { listenOnLoopback } from './loopback-server.js';

/** One scripted answer of the stand-in to `POST /2/tweets`. */
export type XStandInAnswer =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  /** Never answers: the client's timeout has to fire. */
  | { hang: true }
  /** Drops the connection without a word (ECONNRESET on the client). */
  | { reset: true };

export interface XStandInRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: { text?: string; reply?: { in_reply_to_tweet_id: string } };
}

export interface XStandIn {
  /** The v2 API base to give the poster as `apiPrefix`, e.g. `http://127.0.0.1:51234/2/`. */
  readonly apiPrefix: string;
  /** Every request received, in order. */
  readonly requests: XStandInRequest[];
  /** Queues answers for the next requests; once they run out, every post succeeds with a new id. */
  answerNext(...answers: XStandInAnswer[]): void;
  close(): Promise<void>;
}

/**
 * A local stand-in for the X API v2 on 127.0.0.1: tests drive the real twitter-api-v2 HTTP path
 * (signing, status handling, rate-limit header parsing) against it, and nothing leaves the machine.
 *
 * @example
 * const x = await startXStandIn();
 * x.answerNext({ status: 429, headers: { 'x-rate-limit-reset': '1733990700' } });
 */
export async function startXStandIn(): Promise<XStandIn> {
  const requests: XStandInRequest[] = [];
  const queued: XStandInAnswer[] = [];
  let nextId = 1870000000000000000n;

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = (raw ? JSON.parse(raw) : {}) as XStandInRequest['body'];
      requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      const answer = queued.shift() ?? { status: 201, body: { data: { id: String((nextId += 1n)), text: body.text ?? '' } } };
      if ('hang' in answer) return;
      if ('reset' in answer) {
        request.socket.destroy();
        return;
      }
      const payload = answer.body === undefined ? '' : JSON.stringify(answer.body);
      response.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
      response.end(payload);
    });
  });
  const { port, close } = await listenOnLoopback(server);

  return {
    apiPrefix: `http://127.0.0.1:${port}/2/`,
    requests,
    answerNext: (...answers) => queued.push(...answers),
    close,
  };
}

/** X's answer to a second post of the same text (API v2). */
export const duplicateContentAnswer: XStandInAnswer = {
  status: 403,
  body: { detail: 'You are not allowed to create a Tweet with duplicate content.', type: 'about:blank', title: 'Forbidden', status: 403 },
};
