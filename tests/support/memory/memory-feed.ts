import { feedPosition, nextFeedPosition } from '../../../lambdas/core/feed/feed-position.js';
import type { FeedItem } from '../../../lambdas/core/incident/answer-schemas.js';
import type { Feed, FeedPage, FeedWrite } from '../../../lambdas/core/ports/feed.js';
import { readMemoryCursor, writeMemoryCursor } from './memory-cursor.js';

/**
 * The in-app feed in memory, with the DynamoDB adapter's order and cursors: one list per locale
 * sorted by when each item was written, an item written once per update, a cursor valid for its
 * locale only and, oldest first, never null.
 */
export class MemoryFeed implements Feed {
  private readonly byLocale = new Map<string, Map<string, { item: FeedItem; writtenAt: string }>>();
  private readonly written = new Set<string>();

  async putIfAbsent(item: FeedItem, { writtenAt }: FeedWrite): Promise<boolean> {
    const once = `${item.locale}#${item.updateId}`;
    if (this.written.has(once)) return false;
    this.written.add(once);
    const items = this.byLocale.get(item.locale) ?? new Map<string, { item: FeedItem; writtenAt: string }>();
    this.byLocale.set(item.locale, items);
    items.set(feedPosition(writtenAt, item.updateId), { item: structuredClone(item), writtenAt });
    return true;
  }

  async page(locale: string, options: { limit: number; after?: string; newestFirst?: boolean; settledBefore?: string }): Promise<FeedPage> {
    const after = options.after === undefined ? undefined : readMemoryCursor(options.after, locale, 'after');
    const entries = this.byLocale.get(locale) ?? new Map<string, { item: FeedItem; writtenAt: string }>();
    const positions = [...entries.keys()].sort();
    if (options.newestFirst) positions.reverse();
    const remaining = after === undefined ? positions : positions.filter((position) => (options.newestFirst ? position < after : position > after));
    const page = remaining.slice(0, options.limit);
    const items = page.map((position) => structuredClone(entries.get(position)!.item));
    if (options.newestFirst) {
      const last = page.length === options.limit ? page.at(-1) : undefined;
      return { items, nextCursor: last ? writeMemoryCursor(locale, last) : null };
    }
    const placed = page.map((position) => ({ position, writtenAt: entries.get(position)!.writtenAt }));
    return { items, nextCursor: writeMemoryCursor(locale, nextFeedPosition(placed, options.settledBefore, after)) };
  }
}
