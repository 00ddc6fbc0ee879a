import type { FeedItem } from '../incident/answer-schemas.js';

export interface FeedPage {
  items: FeedItem[];
  nextCursor: string | null;
}

/**
 * The in-app feed: one item per update and locale, read by every client of that locale.
 *
 * @example
 * const { items, nextCursor } = await feed.page('id', { limit: 50, after });
 */
export interface Feed {
  /** Keyed by the update, so a redelivered message writes the same item once; true when written. */
  putIfAbsent(item: FeedItem): Promise<boolean>;
  /** Oldest first after `after`, or newest first; a foreign `after` throws `InvalidCursor`. */
  page(locale: string, options: { limit: number; after?: string; newestFirst?: boolean }): Promise<FeedPage>;
}
