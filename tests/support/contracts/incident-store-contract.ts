import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { idempotencyWindowSeconds } from '../../../lambdas/core/incident/idempotency-record.js';
import type { IdempotencyRecord } from '../../../lambdas/core/incident/idempotency-record.js';
import { addUpdate, declareIncident } from '../../../lambdas/core/incident/lifecycle.js';
import type { Change } from '../../../lambdas/core/incident/lifecycle.js';
import type { IncidentHead } from '../../../lambdas/core/incident/model.js';
import type { IdempotencyRecords } from '../../../lambdas/core/ports/idempotency-records.js';
import type { IncidentState, IncidentStore } from '../../../lambdas/core/ports/incident-store.js';
import { IdempotencyKeyTaken, InvalidCursor, VersionConflict } from '../../../lambdas/core/ports/store-errors.js';
import { aConfig, aDeclareInput, anAddUpdateInput } from '../builders.js';
import { garbageCursors } from './garbage-cursors.js';

export interface IncidentStoreUnderTest {
  incidents: IncidentStore;
  idempotency: IdempotencyRecords;
}

const config = aConfig();

/** Far enough ahead that a TTL sweep of the real clock never touches a record a test writes. */
const epoch = Date.UTC(2031, 0, 1);

/** An ISO timestamp `minutes` after the tests' epoch. */
function at(minutes: number): string {
  return new Date(epoch + minutes * 60_000).toISOString();
}

function seconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

function uniqueId(prefix: string): string {
  return `${prefix}_${randomUUID()}`;
}

function aDeclaration(incidentId: string, now: string, title = 'Elevated errors for Chat'): Change {
  return declareIncident(
    aDeclareInput({ title, components: [{ id: 'chat', status: 'major_outage' }] }),
    { incidentId, updateId: uniqueId('upd') },
    now,
    config,
  );
}

function anUpdateOf(head: IncidentHead, now: string, status: 'identified' | 'monitoring' | 'resolved' = 'identified'): Change {
  return addUpdate(head, anAddUpdateInput({ status, message: `${status} at ${now}` }), uniqueId('upd'), now, config);
}

function aRecord(key: string, change: Change, expiresAt = seconds(change.update.createdAt) + idempotencyWindowSeconds): IdempotencyRecord {
  return {
    key,
    requestHash: `sha256-${change.head.id}`,
    statusCode: change.head.version === 1 ? 201 : 200,
    incidentId: change.head.id,
    version: change.head.version,
    createdAt: change.update.createdAt,
    expiresAt,
  };
}


async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected the call to reject'),
    (error: unknown) => error,
  );
}

async function expectInvalidCursor(promise: Promise<unknown>, parameter: string): Promise<void> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(InvalidCursor);
  expect((error as InvalidCursor).parameter).toBe(parameter);
}

const position = (head: IncidentHead) => `${head.startedAt}#${head.id}`;

/** Newest first: descending by start time, ties broken by id, as the index's sort key orders them. */
function expectNewestFirst(heads: IncidentHead[]): void {
  const positions = heads.map(position);
  expect(positions).toEqual([...positions].sort().reverse());
}

/**
 * The behaviour every `IncidentStore` + `IdempotencyRecords` pair must show, run against the
 * DynamoDB adapters and the in-memory doubles alike so the doubles cannot drift from the table.
 *
 * `make` is called once per test. The store it returns may already hold incidents of other tests
 * (the integration suite shares one table per file), so listing assertions look at the incidents a
 * test wrote and at properties of the whole listing, never at its exact length.
 *
 * @example
 * describeIncidentStoreContract('in memory', async () => memoryStores());
 */
export function describeIncidentStoreContract(name: string, make: () => Promise<IncidentStoreUnderTest>): void {
  describe(`IncidentStore contract: ${name}`, () => {
    describe('commit and read back', () => {
      it('reads back a declared incident, head and timeline', async () => {
        const { incidents } = await make();
        const declared = aDeclaration(uniqueId('inc'), at(0));
        await incidents.commit(declared, null);

        expect(await incidents.getHead(declared.head.id)).toEqual(declared.head);
        expect(await incidents.getIncident(declared.head.id)).toEqual({ head: declared.head, updates: [declared.update] });
      });

      it('keeps the timeline in seq order (seq 2 before seq 10) and rebuilds an earlier version with throughSeq', async () => {
        const { incidents } = await make();
        const changes = [aDeclaration(uniqueId('inc'), at(0))];
        await incidents.commit(changes[0]!, null);
        for (let minute = 1; minute <= 10; minute++) {
          const previous = changes.at(-1)!.head;
          const next = anUpdateOf(previous, at(minute), minute === 10 ? 'resolved' : minute % 2 ? 'identified' : 'monitoring');
          await incidents.commit(next, previous.version);
          changes.push(next);
        }
        const id = changes[0]!.head.id;
        const latest = changes.at(-1)!.head;

        const whole = await incidents.getIncident(id);
        expect(whole?.head).toEqual(latest);
        expect(whole?.updates.map((update) => update.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        expect(whole?.updates).toEqual(changes.map((change) => change.update));

        const third = await incidents.getIncident(id, 3);
        expect(third?.updates).toEqual(changes.slice(0, 3).map((change) => change.update));
        // The head stays the current one; the last update carries the incident as it stood then.
        expect(third?.head).toEqual(latest);
        const { id: _id, ...thirdVersion } = changes[2]!.head;
        expect(third?.updates.at(-1)?.incident).toEqual(thirdVersion);

        expect((await incidents.getIncident(id, 1))?.updates).toEqual([changes[0]!.update]);
        expect((await incidents.getIncident(id, 99))?.updates).toHaveLength(11);
      });

      it('reads the timelines of a whole page at once, each through the version its head was listed at', async () => {
        const { incidents } = await make();
        const long = [aDeclaration(uniqueId('inc'), at(0))];
        await incidents.commit(long[0]!, null);
        // 120 updates: more keys than one batch read takes (100), so the batches must be joined in seq order.
        for (let minute = 1; minute < 120; minute++) {
          const previous = long.at(-1)!.head;
          const next = anUpdateOf(previous, at(minute), minute % 2 ? 'identified' : 'monitoring');
          await incidents.commit(next, previous.version);
          long.push(next);
        }
        const short = aDeclaration(uniqueId('inc'), at(0));
        await incidents.commit(short, null);
        // A listing may hold a head one version behind: its timeline must match that head, not run ahead.
        const listedEarlier = long[4]!.head;

        const timelines = await incidents.timelinesOf([long.at(-1)!.head, short.head]);

        expect(timelines.get(short.head.id)).toEqual([short.update]);
        expect(timelines.get(long[0]!.head.id)?.map((update) => update.seq)).toEqual(Array.from({ length: 120 }, (_, index) => index + 1));
        expect(await incidents.timelinesOf([listedEarlier])).toEqual(new Map([[listedEarlier.id, long.slice(0, 5).map((change) => change.update)]]));
        expect(await incidents.timelinesOf([])).toEqual(new Map());
      });

      it('answers undefined for an incident never declared', async () => {
        const { incidents } = await make();
        const id = uniqueId('missing');
        expect(await incidents.getHead(id)).toBeUndefined();
        expect(await incidents.getIncident(id)).toBeUndefined();
        expect(await incidents.getIncident(id, 1)).toBeUndefined();
      });
    });

    describe('optimistic concurrency', () => {
      it('refuses a second declaration of the same id with VersionConflict and changes nothing', async () => {
        const { incidents, idempotency } = await make();
        const id = uniqueId('inc');
        const first = aDeclaration(id, at(0), 'First declaration');
        await incidents.commit(first, null);
        const before = await incidents.getIncident(id);

        const second = aDeclaration(id, at(1), 'Second declaration');
        const key = uniqueId('key');
        const error = await rejection(incidents.commit(second, null, aRecord(key, second)));

        expect(error).toBeInstanceOf(VersionConflict);
        expect(await incidents.getIncident(id)).toEqual(before);
        expect(await incidents.getHead(id)).toEqual(first.head);
        // All or nothing: the record that rode along was not written either.
        expect(await idempotency.find(key, seconds(at(1)))).toBeUndefined();
      });

      it('refuses an update on a stale expectedVersion with VersionConflict and changes nothing', async () => {
        const { incidents, idempotency } = await make();
        const declared = aDeclaration(uniqueId('inc'), at(0));
        await incidents.commit(declared, null);
        const winner = anUpdateOf(declared.head, at(1), 'identified');
        await incidents.commit(winner, 1);
        const before = await incidents.getIncident(declared.head.id);

        // A commander who read version 1 computes seq 2 too.
        const loser = anUpdateOf(declared.head, at(2), 'monitoring');
        const key = uniqueId('key');
        expect(await rejection(incidents.commit(loser, 1, aRecord(key, loser)))).toBeInstanceOf(VersionConflict);
        // A change built on the current head but sent with an old version is refused as well.
        const mislabelled = anUpdateOf(winner.head, at(3), 'monitoring');
        expect(await rejection(incidents.commit(mislabelled, 1))).toBeInstanceOf(VersionConflict);
        // And so is an update to an incident that does not exist.
        const orphan = anUpdateOf({ ...declared.head, id: uniqueId('inc') }, at(4));
        expect(await rejection(incidents.commit(orphan, 1))).toBeInstanceOf(VersionConflict);

        expect(await incidents.getIncident(declared.head.id)).toEqual(before);
        expect(await incidents.getHead(declared.head.id)).toEqual(winner.head);
        expect(await incidents.getHead(orphan.head.id)).toBeUndefined();
        expect(await idempotency.find(key, seconds(at(2)))).toBeUndefined();
      });
    });

    describe('idempotency records', () => {
      it('commits the record with the change; find returns it while live and not after expiry', async () => {
        const { incidents, idempotency } = await make();
        const declared = aDeclaration(uniqueId('inc'), at(0));
        const key = uniqueId('key');
        const record = aRecord(key, declared);
        await incidents.commit(declared, null, record);

        expect(await idempotency.find(key, seconds(at(0)))).toEqual(record);
        expect(await idempotency.find(key, record.expiresAt - 1)).toEqual(record);
        expect(await idempotency.find(key, record.expiresAt)).toBeUndefined();
        expect(await idempotency.find(key, record.expiresAt + 1)).toBeUndefined();
        expect(await idempotency.find(uniqueId('key'), seconds(at(0)))).toBeUndefined();
        expect(await incidents.getHead(declared.head.id)).toEqual(declared.head);
      });

      it('refuses a second commit under a live key with IdempotencyKeyTaken and writes nothing', async () => {
        const { incidents, idempotency } = await make();
        const declared = aDeclaration(uniqueId('inc'), at(0));
        const key = uniqueId('key');
        const record = aRecord(key, declared);
        await incidents.commit(declared, null, record);

        // Another incident declared under the same key: neither its head nor its update is written.
        const other = aDeclaration(uniqueId('inc'), at(5));
        expect(await rejection(incidents.commit(other, null, aRecord(key, other)))).toBeInstanceOf(IdempotencyKeyTaken);
        expect(await incidents.getHead(other.head.id)).toBeUndefined();
        expect(await incidents.getIncident(other.head.id)).toBeUndefined();

        // An update of the first incident under the same key: the head keeps its version, no seq 2.
        const update = anUpdateOf(declared.head, at(6));
        expect(await rejection(incidents.commit(update, 1, aRecord(key, update)))).toBeInstanceOf(IdempotencyKeyTaken);
        expect(await incidents.getIncident(declared.head.id)).toEqual({ head: declared.head, updates: [declared.update] });

        expect(await idempotency.find(key, seconds(at(6)))).toEqual(record);
      });

      it('treats a record as expired from the second it expires, for finding and for reusing alike', async () => {
        const { incidents, idempotency } = await make();
        const first = aDeclaration(uniqueId('inc'), at(0));
        const key = uniqueId('key');
        const expiresAt = seconds(at(2));
        await incidents.commit(first, null, aRecord(key, first, expiresAt));
        expect(await idempotency.find(key, expiresAt)).toBeUndefined();

        const second = aDeclaration(uniqueId('inc'), at(2));
        await incidents.commit(second, null, aRecord(key, second));
        expect((await idempotency.find(key, expiresAt))?.incidentId).toBe(second.head.id);
      });

      it('lets a key whose record has expired be used again', async () => {
        const { incidents, idempotency } = await make();
        const first = aDeclaration(uniqueId('inc'), at(0));
        const key = uniqueId('key');
        await incidents.commit(first, null, aRecord(key, first, seconds(at(1))));

        const second = aDeclaration(uniqueId('inc'), at(2));
        const renewed = aRecord(key, second);
        await incidents.commit(second, null, renewed);

        expect(await incidents.getIncident(second.head.id)).toEqual({ head: second.head, updates: [second.update] });
        expect(await idempotency.find(key, seconds(at(2)))).toEqual(renewed);
      });
    });

    describe('listings', () => {
      /** Five incidents, oldest first: open, resolved, open, resolved, open. */
      async function fiveIncidents(incidents: IncidentStore) {
        const heads: IncidentHead[] = [];
        const tag = randomUUID().slice(0, 8);
        for (let index = 0; index < 5; index++) {
          const declared = aDeclaration(uniqueId(`inc${index}`), at(index * 10), `Incident ${index} of ${tag}`);
          await incidents.commit(declared, null);
          if (index % 2 === 1) {
            const resolved = anUpdateOf(declared.head, at(index * 10 + 5), 'resolved');
            await incidents.commit(resolved, declared.head.version);
            heads.push(resolved.head);
          } else {
            heads.push(declared.head);
          }
        }
        const [a, b, c, d, e] = heads as [IncidentHead, IncidentHead, IncidentHead, IncidentHead, IncidentHead];
        const expected: Record<IncidentState, IncidentHead[]> = { open: [e, c, a], resolved: [d, b], all: [e, d, c, b, a] };
        const mine = (listed: IncidentHead[]) => listed.filter((head) => heads.some((own) => own.id === head.id));
        return { expected, mine };
      }

      const states: IncidentState[] = ['open', 'resolved', 'all'];

      it('lists newest first for open, resolved and all, with a null cursor when the page is not full', async () => {
        const { incidents } = await make();
        const { expected, mine } = await fiveIncidents(incidents);
        for (const state of states) {
          const page = await incidents.listIncidents(state, 1000);
          expect(mine(page.heads), state).toEqual(expected[state]);
          expectNewestFirst(page.heads);
          if (state === 'open') expect(page.heads.every((head) => head.status !== 'resolved')).toBe(true);
          if (state === 'resolved') expect(page.heads.every((head) => head.status === 'resolved')).toBe(true);
          expect(page.nextCursor, state).toBeNull();
        }
      });

      it('pages with limit and nextCursor through every incident exactly once', async () => {
        const { incidents } = await make();
        const { expected, mine } = await fiveIncidents(incidents);
        for (const state of states) {
          const whole = (await incidents.listIncidents(state, 1000)).heads;
          for (const limit of [1, 2, 3]) {
            const seen: IncidentHead[] = [];
            let cursor: string | undefined;
            for (let pages = 0; ; pages++) {
              expect(pages, `${state} limit ${limit}: too many pages`).toBeLessThanOrEqual(whole.length + 1);
              const page = await incidents.listIncidents(state, limit, cursor);
              expect(page.heads.length).toBeLessThanOrEqual(limit);
              if (page.heads.length < limit) expect(page.nextCursor, `${state} limit ${limit}: a page not full`).toBeNull();
              seen.push(...page.heads);
              if (page.nextCursor === null) break;
              cursor = page.nextCursor;
            }
            expect(seen.map((head) => head.id), `${state} limit ${limit}`).toEqual(whole.map((head) => head.id));
            expect(new Set(seen.map((head) => head.id)).size).toBe(seen.length);
            expect(mine(seen), `${state} limit ${limit}`).toEqual(expected[state]);
          }
        }
      });

      it('refuses a cursor from another listing with InvalidCursor naming the cursor parameter', async () => {
        const { incidents } = await make();
        await fiveIncidents(incidents);
        const fromOpen = (await incidents.listIncidents('open', 1)).nextCursor;
        const fromAll = (await incidents.listIncidents('all', 1)).nextCursor;
        expect(fromOpen).toEqual(expect.any(String));
        expect(fromAll).toEqual(expect.any(String));

        await expectInvalidCursor(incidents.listIncidents('resolved', 10, fromOpen!), 'cursor');
        await expectInvalidCursor(incidents.listIncidents('all', 10, fromOpen!), 'cursor');
        await expectInvalidCursor(incidents.listIncidents('open', 10, fromAll!), 'cursor');
        // Its own listing still takes it.
        await expect(incidents.listIncidents('open', 10, fromOpen!)).resolves.toBeDefined();
      });

      for (const [what, cursor] of Object.entries(garbageCursors)) {
        it(`refuses a cursor that is ${what} with InvalidCursor`, async () => {
          const { incidents } = await make();
          for (const state of states) await expectInvalidCursor(incidents.listIncidents(state, 10, cursor), 'cursor');
        });
      }

      it('listOpen returns the open incidents only, newest first', async () => {
        const { incidents } = await make();
        const { expected, mine } = await fiveIncidents(incidents);
        const open = await incidents.listOpen();
        expect(mine(open)).toEqual(expected.open);
        expect(open.every((head) => head.status !== 'resolved')).toBe(true);
        expectNewestFirst(open);
      });
    });
  });
}
