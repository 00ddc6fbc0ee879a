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

/** Every item of a locale, following cursors; checks each page on the way. */
async function pageThrough(feed: Feed, locale: string, limit: number, newestFirst: boolean): Promise<FeedItem[]> {
  const seen: FeedItem[] = [];
  let after: string | undefined;
  for (let pages = 0; ; pages++) {
    expect(pages, 'too many pages').toBeLessThanOrEqual(100);
    const page = await feed.page(locale, { limit, newestFirst, ...(after === undefined ? {} : { after }) });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    if (page.items.length < limit) expect(page.nextCursor, 'a page not full').toBeNull();
    seen.push(...page.items);
    if (page.nextCursor === null) return seen;
    after = page.nextCursor;
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
      expect(await feed.putIfAbsent(item)).toBe(true);
      expect(await feed.putIfAbsent({ ...item, title: 'Rewritten', body: 'Changed.' })).toBe(false);
      expect((await feed.page(locale, { limit: 10 })).items).toEqual([item]);

      // The same update in another locale is another item.
      const translated = anItem(otherLocale, 0, { updateId: item.updateId, title: 'Pembaruan' });
      expect(await feed.putIfAbsent(translated)).toBe(true);
      expect((await feed.page(otherLocale, { limit: 10 })).items).toEqual([translated]);
      expect((await feed.page(locale, { limit: 10 })).items).toEqual([item]);
    });

    it('pages oldest first, and newest first when asked, with a null cursor when the page is not full', async () => {
      const feed = await make();
      const locale = aLocale();
      const [first, second, third] = [anItem(locale, 0), anItem(locale, 1), anItem(locale, 2)];
      for (const item of [second, third, first]) await feed.putIfAbsent(item);

      expect(await feed.page(locale, { limit: 10 })).toEqual({ items: [first, second, third], nextCursor: null });
      expect(await feed.page(locale, { limit: 10, newestFirst: true })).toEqual({ items: [third, second, first], nextCursor: null });
      expect(await feed.page(aLocale(), { limit: 10 })).toEqual({ items: [], nextCursor: null });
    });

    it('pages with limit and after through every item exactly once, either way', async () => {
      const feed = await make();
      const locale = aLocale();
      // Two items of the same minute sort by update id, as the table's sort key does.
      const items = [
        anItem(locale, 0),
        anItem(locale, 1, { updateId: 'upd_a' }),
        anItem(locale, 1, { updateId: 'upd_b' }),
        anItem(locale, 2),
        anItem(locale, 3),
      ];
      for (const item of [...items].reverse()) await feed.putIfAbsent(item);
      // Another locale's items never show.
      await feed.putIfAbsent(anItem(aLocale(), 1));

      for (const limit of [1, 2, 3, 5, 6]) {
        expect(await pageThrough(feed, locale, limit, false), `oldest first, limit ${limit}`).toEqual(items);
        expect(await pageThrough(feed, locale, limit, true), `newest first, limit ${limit}`).toEqual([...items].reverse());
      }
    });

    it("refuses another locale's cursor with InvalidCursor naming the after parameter", async () => {
      const feed = await make();
      for (const minute of [0, 1, 2]) await feed.putIfAbsent(anItem('en', minute));
      await feed.putIfAbsent(anItem('id', 0));

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
        await feed.putIfAbsent(anItem(locale, 0));
        await expectInvalidCursor(feed.page(locale, { limit: 10, after: cursor }), 'after');
        await expectInvalidCursor(feed.page(locale, { limit: 10, after: cursor, newestFirst: true }), 'after');
      });
    }
  });
}
