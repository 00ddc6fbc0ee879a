import { z } from 'zod';
import { InvalidCursor } from '../../../adapters/dynamo/page-cursor.js';
import { renderAtomFeed } from '../../../core/feed/render-atom-feed.js';
import type { RouteContext } from '../route.js';
import { json } from '../http.js';
import { HttpProblem } from '../problem.js';
import { readQuery } from '../read-query.js';

/** How many entries the Atom document carries: feed readers want the recent past, not all of it. */
const atomEntries = 50;

/** `GET /v1/feed`: the in-app feed of one locale, oldest first after the cursor. */
export async function readFeedRoute({ deps, query }: RouteContext) {
  const { locale, after, limit } = readQuery(
    query,
    z.strictObject({
      locale: deps.schemas.localeSchema.default(deps.config.defaultLocale),
      after: z.string().min(1).max(2048).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(50),
    }),
  );
  const page = await withCursorCheck(() => deps.feed.page(locale, { limit, after }));
  return json(200, page, { 'cache-control': `public, max-age=${deps.config.statusCacheSeconds}` });
}

/** `GET /v1/feed.atom`: the same feed as Atom 1.0, newest first. */
export async function readAtomFeedRoute({ event, deps, query }: RouteContext) {
  const { locale } = readQuery(query, z.strictObject({ locale: deps.schemas.localeSchema.default(deps.config.defaultLocale) }));
  const { items } = await deps.feed.page(locale, { limit: atomEntries, newestFirst: true });
  const host = event.headers['x-forwarded-host'] ?? event.headers['host'] ?? 'localhost';
  const scheme = event.headers['x-forwarded-proto'] ?? (host.startsWith('127.0.0.1') || host.startsWith('localhost') ? 'http' : 'https');
  const body = renderAtomFeed(items, {
    serviceName: deps.config.serviceName,
    statusPageUrl: deps.config.statusPageUrl,
    locale,
    selfUrl: `${scheme}://${host}/v1/feed.atom?locale=${encodeURIComponent(locale)}`,
    updatedAt: items[0]?.createdAt ?? new Date(0).toISOString(),
  });
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': `public, max-age=${deps.config.statusCacheSeconds}` },
    body,
  };
}

async function withCursorCheck<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof InvalidCursor) {
      throw new HttpProblem(400, 'invalid-cursor', error.message, [{ path: 'query.after', message: error.message }]);
    }
    throw error;
  }
}
