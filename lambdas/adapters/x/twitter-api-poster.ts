import type { Agent } from 'node:http';
import type { SendTweetV2Params, TweetV2PostTweetResult } from 'twitter-api-v2';
import { classifyXError } from './classify-x-error.js';
import { TwitterPostClient } from './twitter-api-base.js';
import type { XCredentials } from './x-credentials.js';
import type { XPoster, XPostRequest } from '../../core/ports/x-poster.js';

export interface TwitterApiPosterOptions {
  /**
   * Base of the v2 API, ending in `/2/`. Defaults to X's own; tests point it at a stand-in on
   * 127.0.0.1 (with an `http://` prefix, pass an `http.Agent` as `httpAgent` too: the library
   * sends every request with `https.request`, which speaks plain HTTP only through such an agent).
   */
  apiPrefix?: string;
  httpAgent?: Agent;
  /** Per request; three attempts with their backoff must fit in the function's 30 s timeout. */
  timeoutMs?: number;
  /** Epoch milliseconds, for rate-limit fallbacks. */
  now?: () => number;
}

const xApiV2Prefix = 'https://api.x.com/2/';

/**
 * Posts to X with twitter-api-v2, signing each request with OAuth 1.0a user context.
 *
 * @example
 * const poster = new TwitterApiPoster({ appKey, appSecret, accessToken, accessSecret });
 * const { id } = await poster.post({ text, inReplyTo: previousPostId, locale: 'en', incidentId, updateId });
 */
export class TwitterApiPoster implements XPoster {
  private readonly client: TwitterPostClient;
  private readonly apiPrefix: string;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(credentials: XCredentials, options: TwitterApiPosterOptions = {}) {
    this.client = new TwitterPostClient(
      { appKey: credentials.appKey, appSecret: credentials.appSecret, accessToken: credentials.accessToken, accessSecret: credentials.accessSecret },
      options.httpAgent ? { httpAgent: options.httpAgent } : {},
    );
    this.apiPrefix = options.apiPrefix ?? xApiV2Prefix;
    this.timeoutMs = options.timeoutMs ?? 8_000;
    this.now = options.now ?? Date.now;
  }

  async post(request: XPostRequest): Promise<{ id: string }> {
    const body: SendTweetV2Params = { text: request.text };
    if (request.inReplyTo) body.reply = { in_reply_to_tweet_id: request.inReplyTo };
    try {
      // What `v2.tweet()` does (POST tweets), through the base client's post, which also takes a timeout and a prefix.
      const { data } = await this.client.post<TweetV2PostTweetResult>('tweets', body, { prefix: this.apiPrefix, timeout: this.timeoutMs });
      return { id: data.id };
    } catch (error) {
      throw classifyXError(error, Math.floor(this.now() / 1000));
    }
  }
}
