import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { FeedItem } from '../../../lambdas/core/incident/answer-schemas.js';
import { renderAtomFeed } from '../../../lambdas/core/feed/render-atom-feed.js';

function aFeedItem(overrides: Partial<FeedItem> = {}): FeedItem {
  return {
    id: 'feed_01JF3Z0000000000000000000A',
    incidentId: 'inc_01JF3Z0000000000000000000A',
    updateId: 'upd_01JF3Z0000000000000000000A',
    kind: 'apology',
    locale: 'en',
    title: 'Elevated errors for Chat',
    body: 'We are sorry: we are seeing elevated error rates and are investigating.',
    status: 'investigating',
    impact: 'major',
    url: 'https://status.nimbus.example/',
    createdAt: '2024-12-12T07:02:11.000Z',
    ...overrides,
  };
}

const options = {
  serviceName: 'Nimbus Chat',
  statusPageUrl: 'https://status.nimbus.example',
  locale: 'en',
  selfUrl: 'https://api.nimbus.example/v1/feed.atom?locale=en&x=1',
  updatedAt: '2024-12-12T09:00:00.000Z',
};

interface Text {
  '#text': string;
}

interface ParsedEntry {
  id: Text;
  title: Text;
  summary: Text;
  updated: Text;
  link: { '@_href': string };
}

function parseFeed(xml: string): { feed: { id: Text; entry?: ParsedEntry[]; title: { '#text': string } } } {
  const parser = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => name === 'entry',
    textNodeName: '#text',
    alwaysCreateTextNode: true,
    parseTagValue: false,
  });
  return parser.parse(xml);
}

/** XML 1.0 `Char` production: anything outside it makes the whole document unreadable to a strict reader. */
const illegalXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

describe('renderAtomFeed', () => {
  it('writes a valid Atom document with one entry per feed item, newest first', () => {
    const items = [
      aFeedItem({ id: 'feed_1', kind: 'apology', createdAt: '2024-12-12T07:02:11.000Z', title: 'First' }),
      aFeedItem({ id: 'feed_2', kind: 'update', status: 'identified', createdAt: '2024-12-12T07:30:00.000Z', title: 'Second' }),
      aFeedItem({ id: 'feed_3', kind: 'recovery', status: 'resolved', createdAt: '2024-12-12T08:45:00.000Z', title: 'Third' }),
    ];

    const xml = renderAtomFeed(items, options);

    expect(XMLValidator.validate(xml)).toBe(true);
    const { feed } = parseFeed(xml);
    expect(feed.entry).toHaveLength(3);
    expect(feed.entry!.map((entry) => entry.title['#text'])).toEqual(['Third', 'Second', 'First']);
    expect(feed.title['#text']).toBe('Nimbus Chat status');
  });

  it('gives every entry a stable tag: id, its own updated time and a link to the status page', () => {
    const xml = renderAtomFeed([aFeedItem({ id: 'feed_9', url: 'javascript:alert(1)' })], options);

    const entry = parseFeed(xml).feed.entry![0]!;
    expect(entry.id['#text']).toBe('tag:status.nimbus.example,2024-12-12:incident-comms/feed/en/feed_9');
    expect(entry.updated['#text']).toBe('2024-12-12T07:02:11.000Z');
    expect(entry.link['@_href']).toBe('https://status.nimbus.example');
    expect(renderAtomFeed([aFeedItem({ id: 'feed_9' })], options)).toBe(
      renderAtomFeed([aFeedItem({ id: 'feed_9' })], options),
    );
  });

  it('keeps hostile titles and bodies as text, and the document valid', () => {
    const hostileTitle = '<img src=x onerror=alert(1)> & ]]> "quoted" \'single\'';
    const hostileBody = '<![CDATA[ boom ]]> </summary></entry><entry><title>forged</title>';
    const xml = renderAtomFeed([aFeedItem({ title: hostileTitle, body: hostileBody })], options);

    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toContain('<img');
    expect(xml).not.toContain(']]>');
    const { feed } = parseFeed(xml);
    expect(feed.entry).toHaveLength(1);
    expect(feed.entry![0]!.title['#text']).toBe(hostileTitle);
    expect(feed.entry![0]!.summary['#text']).toBe(hostileBody);
  });

  it('strips characters XML 1.0 cannot carry, keeping tabs, newlines, accents and emoji', () => {
    const title = 'Down\u0000\u0001\u0008\u000B\u000C\u001F\uFFFE\uFFFF\uD800 again\tnow é 🚒';
    const xml = renderAtomFeed([aFeedItem({ title, body: 'line 1\nline 2\u0007' })], options);

    expect(illegalXmlChar.test(xml)).toBe(false);
    expect(XMLValidator.validate(xml)).toBe(true);
    const entry = parseFeed(xml).feed.entry![0]!;
    expect(entry.title['#text']).toBe('Down again\tnow é 🚒');
    expect(entry.summary['#text']).toBe('line 1\nline 2');
  });

  it('writes an empty but valid feed, titled in the feed locale', () => {
    const xml = renderAtomFeed([], { ...options, locale: 'id', updatedAt: new Date('2024-12-12T09:00:00.000Z') });

    expect(XMLValidator.validate(xml)).toBe(true);
    const { feed } = parseFeed(xml);
    expect(feed.entry ?? []).toHaveLength(0);
    expect(feed.title['#text']).toBe('Status Nimbus Chat');
    expect(xml).toContain('<updated>2024-12-12T09:00:00.000Z</updated>');
    expect(xml).toContain('xml:lang="id"');
  });
});
