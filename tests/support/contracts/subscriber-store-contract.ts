import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SubscriberState } from '../../../lambdas/core/incident/vocabulary.js';
import { InvalidCursor } from '../../../lambdas/core/ports/store-errors.js';
import type { SubscriberPage, SubscriberStore } from '../../../lambdas/core/ports/subscriber-store.js';
import type { MailRequest } from '../../../lambdas/core/subscribers/mail-request.js';
import { shardOf, subscriberShardCount } from '../../../lambdas/core/subscribers/subscriber.js';
import type { Subscriber } from '../../../lambdas/core/subscribers/subscriber.js';
import { garbageCursors } from './garbage-cursors.js';

export interface SubscriberStoreUnderTest {
  subscribers: SubscriberStore;
  /** Every mail request the store has written (what the stream would hand the email workers). */
  mailRequests(): Promise<MailRequest[]>;
}

const epoch = Date.UTC(2031, 0, 1);
const at = (minutes: number) => new Date(epoch + minutes * 60_000).toISOString();

/** An id no other test uses, shaped like ours (`sub_` and letters), optionally in a given shard. */
function aSubscriberId(shard?: number): string {
  for (;;) {
    const id = `sub_${randomUUID().replace(/-/g, '').toUpperCase()}`;
    if (shard === undefined || shardOf(id) === shard) return id;
  }
}

/** A locale no other test writes to (BCP 47 private use), so a table shared between tests shows each test its own audience. */
function aLocale(): string {
  return `en-x-${randomUUID().slice(0, 8)}`;
}

function aSubscriber(overrides: Partial<Subscriber> = {}): Subscriber {
  const id = overrides.id ?? aSubscriberId();
  return {
    id,
    email: `${id.toLowerCase()}@example.com`,
    locale: 'en',
    components: [],
    timeZone: 'UTC',
    state: 'pending',
    createdAt: at(0),
    tokenGeneration: 0,
    version: 1,
    ...overrides,
  };
}

function aMailRequest(subscriber: Subscriber, mail: MailRequest['mail'] = 'confirmation', requestedAt = at(0)): MailRequest {
  return { id: `mrq_${randomUUID()}`, subscriberId: subscriber.id, mail, requestedAt };
}

/** `subscriber` moved on by one version, with the given changes. */
function next(subscriber: Subscriber, changes: Partial<Subscriber>): Subscriber {
  return { ...subscriber, ...changes, version: subscriber.version + 1 };
}

async function expectInvalidCursor(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => expect.fail('expected the call to reject'),
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(InvalidCursor);
  expect((error as InvalidCursor).parameter).toBe('cursor');
}

/** Every page of a listing, following cursors; checks each page on the way. */
async function pageThrough(read: (cursor: string | undefined) => Promise<SubscriberPage>, limit: number): Promise<Subscriber[]> {
  const seen: Subscriber[] = [];
  let cursor: string | undefined;
  for (let pages = 0; ; pages++) {
    expect(pages, 'too many pages').toBeLessThanOrEqual(1000);
    const page = await read(cursor);
    expect(page.subscribers.length).toBeLessThanOrEqual(limit);
    if (page.subscribers.length < limit) expect(page.nextCursor, 'a page not full').toBeNull();
    seen.push(...page.subscribers);
    if (page.nextCursor === null) return seen;
    cursor = page.nextCursor;
  }
}

/** Newest first, as the export lists: creation time descending, then id descending. */
function newestFirst(subscribers: Subscriber[]): Subscriber[] {
  const position = (subscriber: Subscriber) => `${subscriber.createdAt}#${subscriber.id}`;
  return [...subscribers].sort((a, b) => (position(a) < position(b) ? 1 : -1));
}

/**
 * The behaviour every `SubscriberStore` must show, run against the DynamoDB adapter and the
 * in-memory double alike. `make` is called once per test; the store may be shared with other tests
 * (one table per file), so each test uses its own ids, addresses and locales, and reads the
 * whole-list listings filtered to its own subscribers.
 *
 * @example
 * describeSubscriberStoreContract('in memory', async () => { const store = new MemorySubscriberStore(); return { subscribers: store, mailRequests: async () => store.mailRequests() }; });
 */
export function describeSubscriberStoreContract(name: string, make: () => Promise<SubscriberStoreUnderTest>): void {
  describe(`SubscriberStore contract: ${name}`, () => {
    describe('one address, once', () => {
      it('creates a subscriber that reads back by id, by address in any case, and among many', async () => {
        const { subscribers } = await make();
        const ana = aSubscriber({ locale: 'id', components: ['chat', 'api'], timeZone: 'Asia/Jakarta' });
        expect(await subscribers.create(ana)).toBe(true);

        expect(await subscribers.get(ana.id)).toEqual(ana);
        expect(await subscribers.findByEmail(ana.email)).toEqual(ana);
        expect(await subscribers.findByEmail(` ${ana.email.toUpperCase()} `)).toEqual(ana);
        expect(await subscribers.get(aSubscriberId())).toBeUndefined();
        expect(await subscribers.findByEmail(`nobody-${randomUUID()}@example.com`)).toBeUndefined();
      });

      it('refuses a second subscriber with a taken address, whatever its case, and writes nothing of it', async () => {
        const { subscribers, mailRequests } = await make();
        const first = aSubscriber();
        await subscribers.create(first, aMailRequest(first));

        const second = aSubscriber({ email: first.email.toUpperCase(), state: 'confirmed', confirmedAt: at(1) });
        const secondMail = aMailRequest(second);
        expect(await subscribers.create(second, secondMail)).toBe(false);

        expect(await subscribers.get(second.id)).toBeUndefined();
        expect(await subscribers.findByEmail(first.email)).toEqual(first);
        expect((await mailRequests()).map((request) => request.id)).not.toContain(secondMail.id);
      });

      it('lets exactly one of many racing creates of one address win', async () => {
        const { subscribers } = await make();
        const email = `race-${randomUUID()}@example.com`;
        const racers = Array.from({ length: 8 }, () => aSubscriber({ email }));
        const outcomes = await Promise.all(racers.map((racer) => subscribers.create(racer)));
        expect(outcomes.filter(Boolean)).toHaveLength(1);
        const winner = racers[outcomes.indexOf(true)]!;
        expect(await subscribers.findByEmail(email)).toEqual(winner);
        expect(await subscribers.getMany(racers.map((racer) => racer.id))).toEqual([winner]);
      });

      it('getMany answers those of the ids that exist, each once, past one batch of 100', async () => {
        const { subscribers } = await make();
        const created = Array.from({ length: 130 }, () => aSubscriber());
        for (const subscriber of created) await subscribers.create(subscriber);
        const asked = [...created.map((subscriber) => subscriber.id), aSubscriberId(), created[0]!.id];

        const found = await subscribers.getMany(asked);
        expect(found).toHaveLength(created.length);
        expect(new Set(found.map((subscriber) => subscriber.id))).toEqual(new Set(created.map((subscriber) => subscriber.id)));
        expect(found.find((subscriber) => subscriber.id === created[7]!.id)).toEqual(created[7]);
        expect(await subscribers.getMany([])).toEqual([]);
      });
    });

    describe('versions and mail requests', () => {
      it('saves a change made from the current version, and refuses one made from a stale version', async () => {
        const { subscribers } = await make();
        const pending = aSubscriber();
        await subscribers.create(pending);
        const confirmed = next(pending, { state: 'confirmed', confirmedAt: at(1) });
        expect(await subscribers.save(confirmed, pending.version)).toBe(true);
        expect(await subscribers.get(pending.id)).toEqual(confirmed);

        // Another request read version 1 too and computed its own version 2.
        const stale = next(pending, { locale: 'id' });
        expect(await subscribers.save(stale, pending.version)).toBe(false);
        expect(await subscribers.get(pending.id)).toEqual(confirmed);
        // So is a save of a subscriber that does not exist.
        const ghost = aSubscriber();
        expect(await subscribers.save(next(ghost, {}), ghost.version)).toBe(false);
        expect(await subscribers.get(ghost.id)).toBeUndefined();
      });

      it('lets exactly one of many saves racing from one version win', async () => {
        const { subscribers } = await make();
        const pending = aSubscriber();
        await subscribers.create(pending);
        const racers = ['en', 'id', 'pt-BR', 'ja', 'de'].map((locale) => next(pending, { locale }));
        const outcomes = await Promise.all(racers.map((racer) => subscribers.save(racer, pending.version)));
        expect(outcomes.filter(Boolean)).toHaveLength(1);
        expect(await subscribers.get(pending.id)).toEqual(racers[outcomes.indexOf(true)]);
      });

      it('writes a mail request with the change that asks for it, and only when that change lands', async () => {
        const { subscribers, mailRequests } = await make();
        const pending = aSubscriber();
        const confirmation = aMailRequest(pending);
        const mine = async () => (await mailRequests()).filter((request) => request.subscriberId === pending.id);

        await subscribers.create(pending, confirmation);
        expect(await mine()).toEqual([confirmation]);

        const resend = aMailRequest(pending, 'confirmation', at(10));
        const resent = next(pending, { confirmationRequestedAt: at(10) });
        expect(await subscribers.save(resent, pending.version, resend)).toBe(true);
        expect(await mine()).toEqual(expect.arrayContaining([confirmation, resend]));

        // A stale save carries its mail request nowhere.
        const lost = aMailRequest(pending, 'preferences', at(11));
        expect(await subscribers.save(next(pending, { locale: 'id' }), pending.version, lost)).toBe(false);
        // A save without one writes none.
        expect(await subscribers.save(next(resent, { locale: 'id' }), resent.version)).toBe(true);
        const written = await mine();
        expect(written).toHaveLength(2);
        expect(written).toEqual(expect.arrayContaining([confirmation, resend]));
      });
    });

    describe('the audience index', () => {
      async function audienceOf(subscribers: SubscriberStore, locale: string, subscriber: Subscriber): Promise<string[]> {
        const page = await subscribers.audiencePage(locale, shardOf(subscriber.id), { limit: 100 });
        return page.subscribers.map((member) => member.id);
      }

      it('holds a subscriber only while it is confirmed, under its locale and shard, and follows every change', async () => {
        const { subscribers } = await make();
        const [en, id] = [aLocale(), aLocale()];
        const pending = aSubscriber({ locale: en });
        await subscribers.create(pending);
        expect(await audienceOf(subscribers, en, pending)).toEqual([]);

        const confirmed = next(pending, { state: 'confirmed', confirmedAt: at(1) });
        await subscribers.save(confirmed, pending.version);
        expect(await subscribers.audiencePage(en, shardOf(pending.id), { limit: 100 })).toEqual({ subscribers: [confirmed], nextCursor: null });
        const otherShard = (shardOf(pending.id) + 1) % subscriberShardCount;
        expect((await subscribers.audiencePage(en, otherShard, { limit: 100 })).subscribers).toEqual([]);

        const movedLocale = next(confirmed, { locale: id });
        await subscribers.save(movedLocale, confirmed.version);
        expect(await audienceOf(subscribers, en, pending)).toEqual([]);
        expect(await audienceOf(subscribers, id, pending)).toEqual([pending.id]);

        const unsubscribed = next(movedLocale, { state: 'unsubscribed', unsubscribedAt: at(2), reason: 'one-click' });
        await subscribers.save(unsubscribed, movedLocale.version);
        expect(await audienceOf(subscribers, id, pending)).toEqual([]);

        const again = next(unsubscribed, { state: 'confirmed' });
        await subscribers.save(again, unsubscribed.version);
        expect(await audienceOf(subscribers, id, pending)).toEqual([pending.id]);
        const suppressed = next(again, { state: 'suppressed', suppressedAt: at(3), reason: 'bounced' });
        await subscribers.save(suppressed, again.version);
        expect(await audienceOf(subscribers, id, pending)).toEqual([]);
      });

      it('takes a subscriber created confirmed (an attested import) straight into the audience', async () => {
        const { subscribers } = await make();
        const locale = aLocale();
        const imported = aSubscriber({ locale, state: 'confirmed', confirmedAt: at(0) });
        await subscribers.create(imported);
        expect(await audienceOf(subscribers, locale, imported)).toEqual([imported.id]);
      });

      it('pages through one shard of a locale by id, each confirmed subscriber exactly once', async () => {
        const { subscribers } = await make();
        const locale = aLocale();
        const shard = 5;
        const members = Array.from({ length: 7 }, () => aSubscriber({ id: aSubscriberId(shard), locale, state: 'confirmed', confirmedAt: at(0) }));
        for (const member of members) await subscribers.create(member);
        await subscribers.create(aSubscriber({ id: aSubscriberId(shard), locale }));
        await subscribers.create(aSubscriber({ id: aSubscriberId(shard + 1), locale, state: 'confirmed' }));
        const byId = [...members].sort((a, b) => (a.id < b.id ? -1 : 1));

        for (const limit of [1, 2, 3, 7, 8]) {
          const seen = await pageThrough((cursor) => subscribers.audiencePage(locale, shard, { limit, ...(cursor ? { cursor } : {}) }), limit);
          expect(seen, `limit ${limit}`).toEqual(byId);
        }
      });

      it("refuses another locale's or shard's cursor, and garbage, with InvalidCursor", async () => {
        const { subscribers } = await make();
        const locale = aLocale();
        for (let index = 0; index < 3; index++) await subscribers.create(aSubscriber({ id: aSubscriberId(2), locale, state: 'confirmed' }));
        const { nextCursor } = await subscribers.audiencePage(locale, 2, { limit: 1 });
        expect(nextCursor).toEqual(expect.any(String));
        await expectInvalidCursor(subscribers.audiencePage(locale, 3, { limit: 10, cursor: nextCursor! }));
        await expectInvalidCursor(subscribers.audiencePage(aLocale(), 2, { limit: 10, cursor: nextCursor! }));
        await expect(subscribers.audiencePage(locale, 2, { limit: 10, cursor: nextCursor! })).resolves.toBeDefined();
        for (const cursor of Object.values(garbageCursors)) await expectInvalidCursor(subscribers.audiencePage(locale, 2, { limit: 10, cursor }));
      });
    });

    describe('the list (export)', () => {
      /** Twelve subscribers over several shards, minutes apart, two of them created in the same minute; states mixed. */
      async function twelveSubscribers(subscribers: SubscriberStore) {
        const states: SubscriberState[] = ['pending', 'confirmed', 'confirmed', 'unsubscribed', 'suppressed', 'confirmed'];
        const created: Subscriber[] = [];
        for (let index = 0; index < 12; index++) {
          const subscriber = aSubscriber({ state: states[index % states.length]!, createdAt: at(100 + Math.min(index, 10)) });
          await subscribers.create(subscriber);
          created.push(subscriber);
        }
        const ids = new Set(created.map((subscriber) => subscriber.id));
        return { created, mine: (listed: Subscriber[]) => listed.filter((subscriber) => ids.has(subscriber.id)) };
      }

      it('lists newest first over every shard, each subscriber exactly once, at any page size', async () => {
        const { subscribers } = await make();
        const { created, mine } = await twelveSubscribers(subscribers);
        expect(new Set(created.map((subscriber) => shardOf(subscriber.id))).size).toBeGreaterThan(1);
        for (const limit of [1, 2, 5, 12, 13, 1000]) {
          const seen = await pageThrough((cursor) => subscribers.list({ limit, ...(cursor ? { cursor } : {}) }), limit);
          expect(new Set(seen.map((subscriber) => subscriber.id)).size, `limit ${limit}: a subscriber twice`).toBe(seen.length);
          expect(seen, `limit ${limit}: newest first`).toEqual(newestFirst(seen));
          expect(mine(seen), `limit ${limit}`).toEqual(newestFirst(created));
        }
      });

      it('lists one state only when asked, paging the same way', async () => {
        const { subscribers } = await make();
        const { created, mine } = await twelveSubscribers(subscribers);
        for (const state of ['pending', 'confirmed', 'unsubscribed', 'suppressed'] as const) {
          for (const limit of [1, 3, 100]) {
            const seen = await pageThrough((cursor) => subscribers.list({ state, limit, ...(cursor ? { cursor } : {}) }), limit);
            expect(seen.every((subscriber) => subscriber.state === state), `${state}: only that state`).toBe(true);
            expect(mine(seen), `${state} limit ${limit}`).toEqual(newestFirst(created.filter((subscriber) => subscriber.state === state)));
          }
        }
      });

      it('answers a null cursor exactly when nothing follows the page', async () => {
        const { subscribers } = await make();
        const state = 'suppressed';
        const whole = (await subscribers.list({ state, limit: 1000 })).subscribers.length;
        await subscribers.create(aSubscriber({ state }));
        await subscribers.create(aSubscriber({ state }));
        expect((await subscribers.list({ state, limit: whole + 2 })).nextCursor).toBeNull();
        expect((await subscribers.list({ state, limit: whole + 1 })).nextCursor).toEqual(expect.any(String));
      });

      it("refuses another state's cursor, and garbage, with InvalidCursor naming the cursor parameter", async () => {
        const { subscribers } = await make();
        await twelveSubscribers(subscribers);
        const fromAll = (await subscribers.list({ limit: 1 })).nextCursor!;
        const fromConfirmed = (await subscribers.list({ state: 'confirmed', limit: 1 })).nextCursor!;
        await expectInvalidCursor(subscribers.list({ state: 'confirmed', limit: 10, cursor: fromAll }));
        await expectInvalidCursor(subscribers.list({ limit: 10, cursor: fromConfirmed }));
        await expectInvalidCursor(subscribers.list({ state: 'pending', limit: 10, cursor: fromConfirmed }));
        const audience = await subscribers.audiencePage('en', 0, { limit: 1 });
        if (audience.nextCursor) await expectInvalidCursor(subscribers.list({ limit: 10, cursor: audience.nextCursor }));
        await expect(subscribers.list({ state: 'confirmed', limit: 10, cursor: fromConfirmed })).resolves.toBeDefined();
        for (const cursor of Object.values(garbageCursors)) {
          await expectInvalidCursor(subscribers.list({ limit: 10, cursor }));
          await expectInvalidCursor(subscribers.list({ state: 'confirmed', limit: 10, cursor }));
        }
      });
    });
  });
}
