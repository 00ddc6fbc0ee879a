import type { FeedItem } from '../incident/answer-schemas.js';

export interface FeedPage {
  items: FeedItem[];
  nextCursor: string | null;
}

/** Where and for how long an item is written: the position is the writer's clock, not the update's time. */
export interface FeedWrite {
  /** ISO time the item is written: its position in the feed, so an item written late is read after the ones before it. */
  writtenAt: string;
  /** Epoch seconds after which the store may drop the item (TTL). */
  expiresAt: number;
}

/**
 * The in-app feed: one item per update and locale, read by every client of that locale, in the
 * order the items were written.
 *
 * @example
 * const { items, nextCursor } = await feed.page('id', { limit: 50, after });
 */
export interface Feed {
  /** Once per update and locale, so a redelivered message writes nothing more; true when written. */
  putIfAbsent(item: FeedItem, write: FeedWrite): Promise<boolean>;
  /**
   * Newest first, or oldest first after `after`; a foreign `after` throws `InvalidCursor`. Oldest
   * first, `nextCursor` is never null: it stands after the last item written before `settledBefore`
   * (an ISO time), or where `after` stood, or at the head, so a poller keeps its place and sees
   * every item written later.
   */
  page(locale: string, options: { limit: number; after?: string; newestFirst?: boolean; settledBefore?: string }): Promise<FeedPage>;
}

/** What the in-app channel needs of the feed: only the write. */
export type FeedWriter = Pick<Feed, 'putIfAbsent'>;
