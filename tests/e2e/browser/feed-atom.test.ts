import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedItem } from '../../../lambdas/core/incident/answer-schemas.js';
import { startLocalRuntime } from '../../../local/start-local-runtime.js';
import type { LocalRuntime } from '../../../local/start-local-runtime.js';
import { apiClient } from '../../support/api-client.js';
import { aDeclaration, anUpdateBody } from '../../support/builders.js';
import { dynamoEndpoint } from '../../support/dynamo-endpoint.js';

// Not a browser test, but the feed readers' view of the same page data: GET /v1/feed.atom.
describe('the Atom feed of the local runtime', () => {
  let runtime: LocalRuntime;
  let commander: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    runtime = await startLocalRuntime({
      port: 0,
      dynamoEndpoint: dynamoEndpoint(),
      tableName: `atom-${process.pid}-${Date.now()}`,
    });
    commander = apiClient(runtime.url, runtime.commanderToken);
  });

  afterAll(async () => {
    await runtime?.stop();
  });

  /** Every item of the JSON feed of a locale, following nextCursor. */
  async function wholeFeed(locale: string): Promise<FeedItem[]> {
    const items: FeedItem[] = [];
    let after: string | null = null;
    // The cursor is never null, and stays before items written in the last seconds, which come
    // again: the feed is read whole once a page brings no item not seen yet.
    for (;;) {
      const query = new URLSearchParams({ locale, ...(after ? { after } : {}) });
      const page = await commander.get(`/v1/feed?${query}`);
      expect(page.status).toBe(200);
      const unseen = (page.json.items as FeedItem[]).filter((item) => !items.some((seen) => seen.id === item.id));
      if (unseen.length === 0) return items;
      items.push(...unseen);
      after = page.json.nextCursor;
    }
  }

  /** The fan-out fills the feed from the table's stream, a moment after the API answered. */
  async function feedWhenItHas(locale: string, count: number): Promise<FeedItem[]> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const items = await wholeFeed(locale);
      if (items.length >= count || Date.now() > deadline) return items;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it('validates as XML with one entry per feed item, newest first, in each locale', async () => {
    const declared = await commander.declare(
      aDeclaration({ title: 'Chat & API down <again> ]]> for some', message: { en: 'Sorry & <sorry>.', id: 'Mohon maaf & <maaf>.' } }),
    );
    expect(declared.status).toBe(201);
    await commander.update(declared.json.id, anUpdateBody({ status: 'identified' }));
    await commander.update(declared.json.id, anUpdateBody({ status: 'resolved', message: 'Fixed.' }));

    for (const locale of ['en', 'id']) {
      const items = await feedWhenItHas(locale, 3);
      expect(items).toHaveLength(3);

      const response = await fetch(`${runtime.url}/v1/feed.atom?locale=${locale}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
      const xml = await response.text();
      expect(XMLValidator.validate(xml)).toBe(true);

      const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry', parseTagValue: false }).parse(xml);
      const entries: { id: string; title: { '#text': string } }[] = parsed.feed.entry ?? [];
      expect(entries).toHaveLength(items.length);
      expect(parsed.feed['@_xml:lang']).toBe(locale);
      const newestFirst = [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
      expect(entries.map((entry) => entry.title['#text'])).toEqual(newestFirst.map((item) => item.title));
      expect(new Set(entries.map((entry) => entry.id)).size).toBe(entries.length);
    }
  });
});
