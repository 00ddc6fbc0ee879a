import type { FeedItem } from '../../../lambdas/core/incident/answer-schemas.js';
import type { Feed, FeedPage } from '../../../lambdas/core/ports/feed.js';
import { readMemoryCursor, writeMemoryCursor } from './memory-cursor.js';

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
    const after = options.after === undefined ? undefined : readMemoryCursor(options.after, locale, 'after');
    const positions = [...(this.byLocale.get(locale)?.keys() ?? [])].sort();
    if (options.newestFirst) positions.reverse();
    const remaining = after === undefined ? positions : positions.filter((position) => (options.newestFirst ? position < after : position > after));
    const page = remaining.slice(0, options.limit);
    const last = page.length === options.limit ? page.at(-1) : undefined;
    return {
      items: page.map((position) => structuredClone(this.byLocale.get(locale)!.get(position)!)),
      nextCursor: last ? writeMemoryCursor(locale, last) : null,
    };
  }
}
