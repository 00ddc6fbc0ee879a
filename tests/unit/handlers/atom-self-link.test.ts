import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { createApiHandler } from '../../../lambdas/handlers/api/create-api-handler.js';
import { createReadApiDependencies } from '../../../lambdas/handlers/api/create-read-api-dependencies.js';
import { readRoutes } from '../../../lambdas/handlers/api/read-routes.js';
import { anApiEvent } from '../../support/api-events.js';
import { aConfig } from '../../support/builders.js';
import { memoryStores } from '../../support/memory/memory-stores.js';
import { RecordingLogger } from '../../support/memory/recording-logger.js';

// The Atom feed's own link is where readers subscribe from: a client that sends forwarded headers
// (or reaches the API under another host) must not be able to put its own address, or a script
// scheme, in a document the CDN then serves to everyone.

const config = aConfig({ statusPageUrl: 'https://status.nimbus.example/' });

function selfLinkOf(body: string): string {
  const feed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(body) as { feed: { link: { rel?: string; href: string }[] | { rel?: string; href: string } } };
  const links = Array.isArray(feed.feed.link) ? feed.feed.link : [feed.feed.link];
  return links.find((link) => link.rel === 'self')!.href;
}

describe('the Atom feed’s self link', () => {
  it('comes from the configured status page origin, whatever Host and X-Forwarded-* say', async () => {
    const handle = createApiHandler(createReadApiDependencies({ config, stores: memoryStores(), statusMaxAgeMs: 1000, clock: () => new Date(), logger: new RecordingLogger() }), readRoutes);
    const headerSets: Record<string, string>[] = [
      {},
      { host: 'abc123.execute-api.eu-west-1.amazonaws.com' },
      { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'javascript' },
      { 'x-forwarded-host': 'evil.example/"><script>', host: 'status.nimbus.example' },
    ];
    for (const headers of headerSets) {
      const answer = await handle(anApiEvent({ path: '/v1/feed.atom', query: 'locale=id', headers }));
      expect(answer.statusCode).toBe(200);
      expect(selfLinkOf(answer.body), JSON.stringify(headers)).toBe('https://status.nimbus.example/v1/feed.atom?locale=id');
    }
  });
});
