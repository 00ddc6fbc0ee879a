import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { FeedItem } from '../../../lambdas/core/incident/answer-schemas.js';
import type { Feed } from '../../../lambdas/core/ports/feed.js';
import { InvalidCursor } from '../../../lambdas/core/ports/store-errors.js';
import { garbageCursors } from './garbage-cursors.js';

const epoch = Date.UTC(2031, 0, 1);
const at = (minutes: number) => new Date(epoch + minutes * 60_000).toISOString();

/**
 * A locale no other test writes to (BCP 47 private use), so a feed shared between tests (one table
 * per file) shows each test its own items only.
 */
function aLocale(): string {
  return `en-x-${randomUUID().slice(0, 8)}`;
}

function anItem(locale: string, minutes: number, overrides: Partial<FeedItem> = {}): FeedItem {
  const updateId = overrides.updateId ?? `upd_${randomUUID()}`;
  return {
    id: `${updateId}:${locale}`,
    incidentId: 'inc_feed',
    updateId,
    kind: 'update',
    locale,
    title: `Update at minute ${minutes}`,
    body: 'We are rolling the change back.',
    status: 'identified',
    impact: 'major',
    url: 'https://status.nimbus.example/incidents/inc_feed',
    createdAt: at(minutes),
    ...overrides,
  };
}


async function expectInvalidCursor(promise: Promise<unknown>, parameter: string): Promise<void> {
  const error = await promise.then(
    () => expect.fail('expected the call to reject'),
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(InvalidCursor);
  expect((error as InvalidCursor).parameter).toBe(parameter);
}

/** Writes `item` as written at `minutes` (its position in the feed), kept 90 days. */
function write(feed: Feed, item: FeedItem, minutes: number): Promise<boolean> {
  return feed.putIfAbsent(item, { writtenAt: at(minutes), expiresAt: Math.floor((epoch + minutes * 60_000) / 1000) + 90 * 86_400 });
}

/** Every item of a locale, following cursors; checks each page on the way. */
async function pageThrough(feed: Feed, locale: string, limit: number, newestFirst: boolean): Promise<FeedItem[]> {
  const seen: FeedItem[] = [];
  let after: string | undefined;
  for (let pages = 0; ; pages++) {
    expect(pages, 'too many pages').toBeLessThanOrEqual(100);
    const page = await feed.page(locale, { limit, newestFirst, ...(after === undefined ? {} : { after }) });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items);
    if (newestFirst) {
      if (page.items.length < limit) expect(page.nextCursor, 'a page not full').toBeNull();
      if (page.nextCursor === null) return seen;
    } else {
      // Oldest first, the cursor is never null: at the tail it stays put, and the next page is empty.
      expect(page.nextCursor).toEqual(expect.any(String));
      if (page.items.length === 0) {
        expect(page.nextCursor).toBe(after);
        return seen;
      }
    }
    after = page.nextCursor!;
  }
}

/**
 * The behaviour every `Feed` must show, run against the DynamoDB adapter and the in-memory double
 * alike. `make` is called once per test.
 *
 * @example
 * describeFeedContract('in memory', async () => new MemoryFeed());
 */
export function describeFeedContract(name: string, make: () => Promise<Feed>): void {
  describe(`Feed contract: ${name}`, () => {
    it('writes an item once per locale and update; a second write returns false and changes nothing', async () => {
      const feed = await make();
      const locale = aLocale();
      const otherLocale = aLocale();
      const item = anItem(locale, 0);
      expect(await write(feed, item, 0)).toBe(true);
      // A redelivery writes later, and still writes nothing.
      expect(await write(feed, { ...item, title: 'Rewritten', body: 'Changed.' }, 5)).toBe(false);
      expect((await feed.page(locale, { limit: 10 })).items).toEqual([item]);

      // The same update in another locale is another item.
      const translated = anItem(otherLocale, 0, { updateId: item.updateId, title: 'Pembaruan' });
      expect(await write(feed, translated, 1)).toBe(true);
      expect((await feed.page(otherLocale, { limit: 10 })).items).toEqual([translated]);
      expect((await feed.page(locale, { limit: 10 })).items).toEqual([item]);
    });

    it('orders items by when they were written, not by their update\'s time; newest first when asked', async () => {
      const feed = await make();
      const locale = aLocale();
      const [first, second, third] = [anItem(locale, 0), anItem(locale, 1), anItem(locale, 2)];
      // The first update's item is written last (its message was retried).
      await write(feed, second, 10);
      await write(feed, third, 11);
      await write(feed, first, 12);

      const oldestFirst = await feed.page(locale, { limit: 10 });
      expect(oldestFirst.items).toEqual([second, third, first]);
      expect(oldestFirst.nextCursor).toEqual(expect.any(String));
      expect(await feed.page(locale, { limit: 10, newestFirst: true })).toEqual({ items: [first, third, second], nextCursor: null });
      const empty = await feed.page(aLocale(), { limit: 10 });
      expect(empty.items).toEqual([]);
      expect(empty.nextCursor).toEqual(expect.any(String));
    });

    it('pages with limit and after through every item exactly once, either way', async () => {
      const feed = await make();
      const locale = aLocale();
      // Two items written in the same millisecond sort by update id, as the table's sort key does.
      const items = [
        anItem(locale, 0),
        anItem(locale, 1, { updateId: 'upd_a' }),
        anItem(locale, 1, { updateId: 'upd_b' }),
        anItem(locale, 2),
        anItem(locale, 3),
      ];
      for (const item of [...items].reverse()) await write(feed, item, Date.parse(item.createdAt) / 60_000 - epoch / 60_000);
      // Another locale's items never show.
      await write(feed, anItem(aLocale(), 1), 1);

      for (const limit of [1, 2, 3, 5, 6]) {
        expect(await pageThrough(feed, locale, limit, false), `oldest first, limit ${limit}`).toEqual(items);
        expect(await pageThrough(feed, locale, limit, true), `newest first, limit ${limit}`).toEqual([...items].reverse());
      }
    });

    it('hands a poller that keeps its cursor every item written later, one written late for an earlier update included', async () => {
      const feed = await make();
      const locale = aLocale();
      const [apology, update, recovery] = [anItem(locale, 0), anItem(locale, 1), anItem(locale, 2)];
      await write(feed, apology, 0);
      await write(feed, recovery, 2);
      const first = await feed.page(locale, { limit: 10 });
      expect(first.items).toEqual([apology, recovery]);

      // The update's item lands after the poller read: its message was retried.
      await write(feed, update, 3);
      const next = await feed.page(locale, { limit: 10, after: first.nextCursor! });
      expect(next.items).toEqual([update]);
      expect((await feed.page(locale, { limit: 10, after: next.nextCursor! })).items).toEqual([]);
    });

    it('keeps the cursor before items written too recently to be settled, so one that lands a moment late is not skipped', async () => {
      const feed = await make();
      const locale = aLocale();
      const [early, recent, landsLate] = [anItem(locale, 0), anItem(locale, 2), anItem(locale, 1)];
      await write(feed, early, 0);
      await write(feed, recent, 2);
      // Read at minute 2: the item written at minute 2 is returned, but the cursor stays after the settled one.
      const read = await feed.page(locale, { limit: 10, settledBefore: at(1) });
      expect(read.items).toEqual([early, recent]);

      // Another writer's item stamped minute 1 becomes visible only now.
      await write(feed, landsLate, 1);
      const again = await feed.page(locale, { limit: 10, after: read.nextCursor!, settledBefore: at(3) });
      expect(again.items).toEqual([landsLate, recent]);
      expect((await feed.page(locale, { limit: 10, after: again.nextCursor!, settledBefore: at(3) })).items).toEqual([]);
    });

    it("refuses another locale's cursor with InvalidCursor naming the after parameter", async () => {
      const feed = await make();
      for (const minute of [0, 1, 2]) await write(feed, anItem('en', minute), minute);
      await write(feed, anItem('id', 0), 0);

      for (const newestFirst of [false, true]) {
        const { nextCursor } = await feed.page('en', { limit: 1, newestFirst });
        expect(nextCursor).toEqual(expect.any(String));
        await expectInvalidCursor(feed.page('id', { limit: 10, after: nextCursor!, newestFirst }), 'after');
        await expectInvalidCursor(feed.page('id', { limit: 10, after: nextCursor!, newestFirst: !newestFirst }), 'after');
        // Its own locale still takes it.
        await expect(feed.page('en', { limit: 10, after: nextCursor!, newestFirst })).resolves.toBeDefined();
      }
    });

    for (const [what, cursor] of Object.entries(garbageCursors)) {
      it(`refuses a cursor that is ${what} with InvalidCursor`, async () => {
        const feed = await make();
        const locale = aLocale();
        await write(feed, anItem(locale, 0), 0);
        await expectInvalidCursor(feed.page(locale, { limit: 10, after: cursor }), 'after');
        await expectInvalidCursor(feed.page(locale, { limit: 10, after: cursor, newestFirst: true }), 'after');
      });
    }
  });
}
