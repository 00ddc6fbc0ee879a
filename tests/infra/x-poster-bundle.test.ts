import { mkdtempSync } from 'node:fs';
import { Agent } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { XPoster } from '../../lambdas/core/ports/x-poster.js';
import type { TwitterApiPosterOptions } from '../../lambdas/adapters/x/twitter-api-poster.js';
import type { XCredentials } from '../../lambdas/adapters/x/x-credentials.js';
import { projectRoot } from '../../lib/lambda-function.js';
import { bundleLikeTheStack } from '../support/bare-sdk-bundle.js';
import { startXStandIn } from '../support/x-stand-in.js';
import type { XStandIn } from '../support/x-stand-in.js';

// The X function posts through twitter-api-v2's base client, loaded from its CommonJS module. Node
// and esbuild hand that module over differently from Vite, which every other X test runs under, so
// this one posts with the poster as the stack bundles it.
const credentials = { appKey: 'app-key-7HqLx2', appSecret: 'app-secret-Zx9Vb8', accessToken: '1234567890-token-Pk2Rt', accessSecret: 'access-secret-Wm4Yc6' };
const aPost = { text: 'We are investigating elevated errors.', locale: 'en', incidentId: 'inc_01', updateId: 'upd_01' };

let x: XStandIn;
let poster: XPoster;
const agent = new Agent({ keepAlive: false });

beforeAll(async () => {
  const outfile = path.join(mkdtempSync(path.join(os.tmpdir(), 'x-poster-bundle-')), 'poster.mjs');
  await bundleLikeTheStack({ entryPoints: [path.join(projectRoot, 'lambdas/adapters/x/twitter-api-poster.ts')] }, outfile);
  const bundled = (await import(pathToFileURL(outfile).href)) as { TwitterApiPoster: new (credentials: XCredentials, options: TwitterApiPosterOptions) => XPoster };
  x = await startXStandIn();
  poster = new bundled.TwitterApiPoster(credentials, { apiPrefix: x.apiPrefix, httpAgent: agent, timeoutMs: 2_000 });
});

afterAll(async () => {
  await x?.close();
  agent.destroy();
});

describe('the X poster as the stack bundles it', () => {
  it('posts to POST /2/tweets signed with OAuth 1.0a, as a reply when asked, and answers the post id', async () => {
    const { id } = await poster.post({ ...aPost, inReplyTo: '1869999999999999999' });
    expect(id).toMatch(/^\d+$/);
    const [request] = x.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/2/tweets');
    expect(request?.headers.authorization).toMatch(/^OAuth .*oauth_consumer_key="app-key-7HqLx2".*oauth_signature_method="HMAC-SHA1"/);
    expect(request?.body).toEqual({ text: aPost.text, reply: { in_reply_to_tweet_id: '1869999999999999999' } });
  });

  it('classifies X’s refusals with the library’s own error types: duplicate content, a rate limit with its reset, a rejection', async () => {
    x.answerNext(
      { status: 403, body: { detail: 'You are not allowed to create a Tweet with duplicate content.' } },
      { status: 429, headers: { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '1733990700' } },
      { status: 400, body: { detail: 'One or more parameters to your request was invalid.' } },
    );
    await expect(poster.post(aPost)).rejects.toThrow('X reported duplicate content; the earlier post stands');
    await expect(poster.post(aPost)).rejects.toThrow(`X rate limit reached; it resets at ${new Date(1733990700 * 1000).toISOString()}`);
    await expect(poster.post(aPost)).rejects.toThrow('X rejected the post (HTTP 400): One or more parameters to your request was invalid.');
  });
});
