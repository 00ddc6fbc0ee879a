import type { FeedItem } from '../../../lambdas/core/incident/answer-schemas.js';
import type { Feed, FeedPage } from '../../../lambdas/core/ports/feed.js';
import { InvalidCursor } from '../../../lambdas/core/ports/store-errors.js';

/**
 * The in-app feed in memory, with the DynamoDB adapter's order and cursors: one list per locale
 * sorted by the update's time, an item written once per update, a cursor valid for its locale only.
 */
export class MemoryFeed implements Feed {
  private readonly byLocale = new Map<string, Map<string, FeedItem>>();

  async putIfAbsent(item: FeedItem): Promise<boolean> {
    const items = this.byLocale.get(item.locale) ?? new Map<string, FeedItem>();
    this.byLocale.set(item.locale, items);
    const position = `${item.createdAt}#${item.updateId}`;
    if (items.has(position)) return false;
    items.set(position, structuredClone(item));
    return true;
  }

  async page(locale: string, options: { limit: number; after?: string; newestFirst?: boolean }): Promise<FeedPage> {
    const after = options.after === undefined ? undefined : readCursor(options.after, locale);
    const positions = [...(this.byLocale.get(locale)?.keys() ?? [])].sort();
    if (options.newestFirst) positions.reverse();
    const remaining = after === undefined ? positions : positions.filter((position) => (options.newestFirst ? position < after : position > after));
    const page = remaining.slice(0, options.limit);
    const last = page.length === options.limit ? page.at(-1) : undefined;
    return {
      items: page.map((position) => structuredClone(this.byLocale.get(locale)!.get(position)!)),
      nextCursor: last ? Buffer.from(JSON.stringify({ locale, position: last }), 'utf8').toString('base64url') : null,
    };
  }
}

function readCursor(cursor: string, locale: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor('after', 'cursor is not one this API issued');
  }
  const { locale: from, position } = (parsed ?? {}) as { locale?: unknown; position?: unknown };
  if (typeof from !== 'string' || typeof position !== 'string') throw new InvalidCursor('after', 'cursor is not one this API issued');
  if (from !== locale) throw new InvalidCursor('after', 'cursor belongs to another listing');
  return position;
}
