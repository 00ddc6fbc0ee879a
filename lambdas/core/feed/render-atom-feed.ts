import type { FeedItem } from '../incident/answer-schemas.js';

export interface AtomFeedOptions {
  /** Shown as the feed's title and author, e.g. "Nimbus Chat". */
  serviceName: string;
  /** The public status page: the feed's alternate link, and each entry's link when its own is not http(s). */
  statusPageUrl: string;
  /** The locale every item of the feed is written in (`xml:lang`). */
  locale: string;
  /** Where this feed is served, e.g. `https://api.example/v1/feed.atom?locale=en`. */
  selfUrl: string;
  /** When the feed last changed; usually the newest item's `createdAt`. */
  updatedAt: string | Date;
}

const feedTitles: Record<string, (serviceName: string) => string> = {
  en: (serviceName) => `${serviceName} status`,
  id: (serviceName) => `Status ${serviceName}`,
};

/**
 * Tag URIs (RFC 4151) need a date on which the authority held the domain name. A fixed date keeps the
 * feed's id stable forever, which is what feed readers key their subscriptions on.
 */
const feedTagDate = '2024';

/**
 * The in-app feed as an Atom 1.0 document (RFC 4287), newest entry first. Pure: the caller fetches
 * the items and serves the string as `application/atom+xml`.
 *
 * @example
 * const xml = renderAtomFeed(items, {
 *   serviceName: 'Nimbus Chat',
 *   statusPageUrl: 'https://status.nimbus.example',
 *   locale: 'en',
 *   selfUrl: 'https://api.nimbus.example/v1/feed.atom?locale=en',
 *   updatedAt: items.at(-1)?.createdAt ?? new Date(),
 * });
 */
export function renderAtomFeed(items: readonly FeedItem[], options: AtomFeedOptions): string {
  const { serviceName, statusPageUrl, locale, selfUrl } = options;
  const authority = hostOf(statusPageUrl);
  const title = (feedTitles[locale] ?? feedTitles[locale.split('-')[0] ?? ''] ?? feedTitles.en!)(serviceName);
  const newestFirst = [...items].sort(
    (a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id),
  );
  const updatedAt = options.updatedAt instanceof Date ? options.updatedAt.toISOString() : options.updatedAt;

  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(locale)}">`,
    `  <id>${escapeXml(`tag:${authority},${feedTagDate}:incident-comms/feed/${locale}`)}</id>`,
    `  <title type="text">${escapeXml(title)}</title>`,
    `  <updated>${escapeXml(updatedAt)}</updated>`,
    `  <author><name>${escapeXml(serviceName)}</name><uri>${escapeXml(statusPageUrl)}</uri></author>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(statusPageUrl)}"/>`,
    ...newestFirst.map((item) => renderEntry(item, authority, statusPageUrl)),
    '</feed>',
    '',
  ];
  return lines.join('\n');
}

function renderEntry(item: FeedItem, authority: string, statusPageUrl: string): string {
  // The item's own date is one on which the status page's authority was publishing, as RFC 4151 asks.
  const id = `tag:${authority},${item.createdAt.slice(0, 10)}:incident-comms/feed/${item.locale}/${item.id}`;
  const link = isHttpUrl(item.url) ? item.url : statusPageUrl;
  return [
    '  <entry>',
    `    <id>${escapeXml(id)}</id>`,
    `    <title type="text">${escapeXml(item.title)}</title>`,
    `    <updated>${escapeXml(item.createdAt)}</updated>`,
    `    <published>${escapeXml(item.createdAt)}</published>`,
    `    <link rel="alternate" type="text/html" href="${escapeXml(link)}"/>`,
    `    <category term="${escapeXml(item.kind)}"/>`,
    `    <category term="${escapeXml(item.status)}"/>`,
    `    <summary type="text">${escapeXml(item.body)}</summary>`,
    '  </entry>',
  ].join('\n');
}

/**
 * XML 1.0 forbids most C0 controls, lone surrogates, U+FFFE and U+FFFF even as character references,
 * so they are dropped rather than escaped; everything else that could end markup is escaped.
 */
const illegalInXml10 = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function escapeXml(text: string): string {
  return text
    .replace(illegalInXml10, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname || 'localhost';
  } catch {
    return 'localhost';
  }
}

function isHttpUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
