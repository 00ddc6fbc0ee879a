import * as http from 'node:http';
import * as https from 'node:https';
import { parseWebhookUrl } from '../../core/webhooks/webhook-url-policy.js';
import type { WebhookMode } from '../../core/webhooks/webhook-mode.js';
import type { WebhookPoster, WebhookRequest, WebhookResponse } from '../../core/ports/webhook-poster.js';
import { checkedLookup } from './checked-lookup.js';
import { describeConnectionError } from './describe-connection-error.js';
import { systemHostResolver, type HostResolver } from './host-resolver.js';
import { retryAfterSeconds } from './retry-after-seconds.js';

export interface NodeWebhookPosterOptions {
  mode: WebhookMode;
  /** For the whole exchange, connect to answer; a slow receiver must not hold the worker. Default 10 s. */
  timeoutMs?: number;
  /** Defaults to the operating system's resolver; tests answer what a hostile DNS would. */
  resolve?: HostResolver;
  /** Epoch milliseconds, for a `Retry-After` given as a date. */
  now?: () => number;
}

export const webhookUserAgent = 'incident-comms-webhooks/1';

/** Enough to see that the receiver answered; a receiver cannot make the worker read (or buffer) more. */
const maxAnswerBytes = 4 * 1024;

// Set by the poster alone: a caller's own spelling of these must not ride alongside.
const posterHeaders = new Set(['content-type', 'content-length', 'user-agent', 'host', 'connection', 'transfer-encoding']);

/**
 * Posts webhook deliveries with node:http and node:https, connecting only to addresses it checked at
 * connection time (`checkedLookup`), following no redirect, giving up after `timeoutMs` and reading
 * at most 4 KiB of the answer. Every outcome is a value; it never throws.
 *
 * @example
 * const poster = new NodeWebhookPoster({ mode: 'deployed' });
 * await poster.post({ url: 'https://hooks.example.com/incidents', body, headers: signedHeaders });
 * // { outcome: 'delivered', status: 204 }
 */
export class NodeWebhookPoster implements WebhookPoster {
  private readonly mode: WebhookMode;
  private readonly timeoutMs: number;
  private readonly resolve: HostResolver;
  private readonly now: () => number;

  constructor(options: NodeWebhookPosterOptions) {
    this.mode = options.mode;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.resolve = options.resolve ?? systemHostResolver;
    this.now = options.now ?? Date.now;
  }

  async post(request: WebhookRequest): Promise<WebhookResponse> {
    // Checked again here, not only at subscription: an address written in the URL never reaches a lookup.
    const verdict = parseWebhookUrl(request.url, this.mode);
    if (!verdict.ok) return { outcome: 'failed', reason: verdict.reason };
    try {
      return await this.exchange(verdict.url, request);
    } catch (error) {
      return { outcome: 'failed', reason: describeConnectionError(error) };
    }
  }

  private exchange(url: URL, request: WebhookRequest): Promise<WebhookResponse> {
    return new Promise((resolve) => {
      let answer: WebhookResponse | undefined;
      let settled = false;
      const settle = (response: WebhookResponse): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        // Whatever the receiver still sends is not read: the socket goes, not into a keep-alive pool.
        outgoing.destroy();
        resolve(response);
      };

      const send = url.protocol === 'https:' ? https.request : http.request;
      const outgoing = send(url, {
        method: 'POST',
        headers: this.headersFor(request),
        lookup: checkedLookup(this.mode, this.resolve),
        agent: false,
      });
      const timer = setTimeout(() => settle(answer ?? { outcome: 'failed', reason: `timed out after ${this.timeoutMs / 1000} s` }), this.timeoutMs);

      outgoing.on('error', (error) => settle(answer ?? { outcome: 'failed', reason: describeConnectionError(error) }));
      outgoing.on('response', (incoming) => {
        const answered = this.outcomeOf(incoming);
        answer = answered;
        let bytesRead = 0;
        incoming.on('data', (chunk: Buffer) => {
          bytesRead += chunk.length;
          if (bytesRead >= maxAnswerBytes) settle(answered);
        });
        incoming.on('end', () => settle(answered));
        incoming.on('error', () => settle(answered));
      });
      outgoing.end(request.body);
    });
  }

  private headersFor(request: WebhookRequest): Record<string, string> {
    const callers = Object.entries(request.headers).filter(([name]) => !posterHeaders.has(name.toLowerCase()));
    return {
      ...Object.fromEntries(callers),
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(request.body)),
      'user-agent': webhookUserAgent,
    };
  }

  private outcomeOf(incoming: http.IncomingMessage): WebhookResponse {
    const status = incoming.statusCode ?? 0;
    if (status >= 200 && status < 300) return { outcome: 'delivered', status };
    if (status >= 300 && status < 400) return { outcome: 'failed', reason: `answered ${status} (redirects are not followed)`, status };
    const failed: WebhookResponse = { outcome: 'failed', reason: `answered ${status}`, status };
    if (status !== 429 && status !== 503) return failed;
    const retryAfter = retryAfterSeconds(incoming.headers['retry-after'], this.now());
    return retryAfter === undefined ? failed : { ...failed, retryAfterSeconds: retryAfter };
  }
}
