import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import { listenOnLoopback } from './loopback-server.js';

/** A fault the stand-in answers the next post with. */
export type XFault =
  /** 429 with `x-rate-limit-reset` this many seconds ahead and the 24-hour headers (with room left). */
  | { rateLimitedForSeconds: number }
  | { status: 500 | 502 | 503 }
  /** Never answers: the client's timeout fires and the post did not land. */
  | { hang: 'before-accepting' }
  /** Takes the post, then never answers: it landed, but the client cannot know. */
  | { hang: 'after-accepting' };

export interface XStandInPost {
  id: string;
  text: string;
  inReplyTo: string | undefined;
}

export interface XFaultStandInOptions {
  /** Any post whose text contains this is refused for good (400). */
  rejectTextsContaining?: string;
  /** A reply whose text contains this is refused as X's reply restrictions refuse it (403); the same text on its own is taken. */
  refuseRepliesContaining?: string;
  /** How long X takes to answer each request, in ms (default 0). */
  latencyMs?: number;
}

/**
 * An X API v2 stand-in that behaves like X where the X channel's guarantees depend on it: it keeps
 * the posts it accepted, refuses a text it already holds (403 duplicate content), refuses with a
 * 400 any text containing a given marker, refuses a reply containing another (reply restrictions),
 * takes `latencyMs` to answer, and answers scripted faults in order. `answers` logs what
 * each request got, `arrivals` when it came (epoch ms), `texts` what it asked to post.
 *
 * @example
 * const x = await startXFaultStandIn({ rejectTextsContaining: 'REJECT-ME' });
 * x.failNext({ rateLimitedForSeconds: 2 }, { status: 503 }, { hang: 'after-accepting' });
 */
export async function startXFaultStandIn(given: XFaultStandInOptions = {}) {
  const options = { ...given };
  const accepted: XStandInPost[] = [];
  const answers: string[] = [];
  const arrivals: number[] = [];
  const texts: string[] = [];
  const rateLimitResets: number[] = [];
  const faults: XFault[] = [];
  let nextId = 1870000000000000000n;

  const send = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    setTimeout(() => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      response.end(JSON.stringify(body));
    }, options.latencyMs ?? 0);
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      arrivals.push(Date.now());
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { text?: string; reply?: { in_reply_to_tweet_id: string } };
      const text = body.text ?? '';
      texts.push(text);
      const accept = () => {
        const post = { id: String((nextId += 1n)), text, inReplyTo: body.reply?.in_reply_to_tweet_id };
        accepted.push(post);
        return post;
      };
      if (options.rejectTextsContaining && text.includes(options.rejectTextsContaining)) {
        answers.push('400');
        return send(response, 400, { title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', type: 'https://api.twitter.com/2/problems/invalid-request', errors: [{ message: 'The text of your post contains a link this account may not share.' }] });
      }
      if (options.refuseRepliesContaining && body.reply && text.includes(options.refuseRepliesContaining)) {
        answers.push('403 reply refused');
        return send(response, 403, {
          title: 'Forbidden',
          type: 'about:blank',
          status: 403,
          detail: 'Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.',
        });
      }
      const fault = faults.shift();
      if (fault && 'rateLimitedForSeconds' in fault) {
        const nowSeconds = Math.floor(Date.now() / 1000);
        const reset = nowSeconds + fault.rateLimitedForSeconds;
        rateLimitResets.push(reset);
        answers.push('429');
        return send(response, 429, { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 }, {
          'x-rate-limit-limit': '100',
          'x-rate-limit-remaining': '0',
          'x-rate-limit-reset': String(reset),
          'x-user-limit-24hour-limit': '17',
          'x-user-limit-24hour-remaining': '12',
          'x-user-limit-24hour-reset': String(nowSeconds + 86_400),
          'x-app-limit-24hour-limit': '1667',
          'x-app-limit-24hour-remaining': '1500',
          'x-app-limit-24hour-reset': String(nowSeconds + 86_400),
        });
      }
      if (fault && 'status' in fault) {
        answers.push(String(fault.status));
        return send(response, fault.status, { title: 'Service Unavailable', detail: 'Service Unavailable', type: 'about:blank', status: fault.status });
      }
      if (fault && fault.hang === 'before-accepting') {
        answers.push('timeout');
        return;
      }
      if (fault && fault.hang === 'after-accepting') {
        accept();
        answers.push('accepted, then timeout');
        return;
      }
      if (accepted.some((post) => post.text === text)) {
        answers.push('403 duplicate');
        return send(response, 403, { detail: 'You are not allowed to create a Tweet with duplicate content.', type: 'about:blank', title: 'Forbidden', status: 403 });
      }
      const post = accept();
      answers.push('201');
      send(response, 201, { data: { id: post.id, text } });
    });
  });
  const { port, close } = await listenOnLoopback(server);

  return {
    apiPrefix: `http://127.0.0.1:${port}/2/`,
    accepted,
    answers,
    arrivals,
    texts,
    rateLimitResets,
    failNext: (...next: XFault[]) => faults.push(...next),
    /** From now on, take the texts `rejectTextsContaining` refused (the account's problem was fixed). */
    stopRejecting: () => {
      options.rejectTextsContaining = undefined;
    },
    close,
  };
}
