import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RedriveRequest } from '../../../lambdas/core/delivery/redrive-request.js';
import type { DeliveryKey, DeliveryLedger, NewDelivery } from '../../../lambdas/core/ports/delivery-ledger.js';
import { aConfig } from '../builders.js';
import { anOpeningUpdate } from '../timeline.js';

/** Far enough ahead of the real clock that nothing in a test depends on today's date. */
const epoch = Date.UTC(2031, 0, 1);

/** Epoch milliseconds `seconds` after the tests' epoch. */
const ms = (seconds: number) => epoch + seconds * 1000;
/** The same instant as an ISO timestamp, what the ledger stores as `updatedAt`. */
const iso = (seconds: number) => new Date(ms(seconds)).toISOString();

const lease = 60;

function anIncidentId(): string {
  return `inc_${randomUUID()}`;
}

function aKey(incidentId: string, overrides: Partial<DeliveryKey> = {}): DeliveryKey {
  return { incidentId, seq: 1, channel: 'email', locale: 'en', ...overrides };
}

function aRow(key: DeliveryKey, overrides: Partial<NewDelivery> = {}): NewDelivery {
  return { ...key, updateId: `upd_${key.incidentId}_${key.seq}`, state: 'pending', ...overrides };
}

/** A pending row written at second 0. */
async function aPendingRow(ledger: DeliveryLedger, overrides: Partial<DeliveryKey> = {}): Promise<DeliveryKey> {
  const key = aKey(anIncidentId(), overrides);
  expect(await ledger.putIfAbsent(aRow(key), iso(0))).toBe(true);
  return key;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected the call to reject'),
    (error: unknown) => error,
  );
}

/**
 * The behaviour every `DeliveryLedger` must show, run against the DynamoDB adapter and the
 * in-memory double alike. `make` is called once per test; each test uses incident ids of its own,
 * so a ledger shared between tests (one table per file) does not disturb them.
 *
 * @example
 * describeDeliveryLedgerContract('in memory', async () => new MemoryDeliveryLedger());
 */
export function describeDeliveryLedgerContract(name: string, make: () => Promise<DeliveryLedger>): void {
  describe(`DeliveryLedger contract: ${name}`, () => {
    describe('putIfAbsent and get', () => {
      it('writes a row once; a second write returns false and leaves the row as it was', async () => {
        const ledger = await make();
        const key = aKey(anIncidentId());
        expect(await ledger.putIfAbsent(aRow(key), iso(0))).toBe(true);
        const written = { updateId: aRow(key).updateId, seq: 1, channel: 'email', locale: 'en', state: 'pending', attempts: 0, updatedAt: iso(0) };
        expect(await ledger.get(key)).toEqual(written);

        expect(await ledger.putIfAbsent(aRow(key, { updateId: 'upd_other', state: 'skipped', detail: 'again' }), iso(5))).toBe(false);
        expect(await ledger.get(key)).toEqual(written);
      });

      it('keeps the detail a row is written with', async () => {
        const ledger = await make();
        const key = aKey(anIncidentId(), { channel: 'x', locale: 'id' });
        expect(await ledger.putIfAbsent(aRow(key, { state: 'skipped', detail: 'X posts in en only' }), iso(0))).toBe(true);
        expect(await ledger.get(key)).toEqual({
          updateId: aRow(key).updateId,
          seq: 1,
          channel: 'x',
          locale: 'id',
          state: 'skipped',
          attempts: 0,
          detail: 'X posts in en only',
          updatedAt: iso(0),
        });
      });

      it('answers undefined for a row never written', async () => {
        const ledger = await make();
        expect(await ledger.get(aKey(anIncidentId()))).toBeUndefined();
        const key = await aPendingRow(ledger);
        expect(await ledger.get({ ...key, locale: 'id' })).toBeUndefined();
        expect(await ledger.get({ ...key, seq: 2 })).toBeUndefined();
        expect(await ledger.get({ ...key, channel: 'inapp' })).toBeUndefined();
      });
    });

    describe('claim', () => {
      it('claims a pending row, counting the attempt', async () => {
        const ledger = await make();
        const key = await aPendingRow(ledger);
        expect(await ledger.claim(key, ms(10), ms(10 + lease), iso(10))).toEqual({ outcome: 'claimed' });
        expect(await ledger.get(key)).toMatchObject({ state: 'pending', attempts: 1, updatedAt: iso(10) });
      });

      it('answers in-flight-elsewhere while the lease runs, and claims again once it has run out', async () => {
        const ledger = await make();
        const key = await aPendingRow(ledger);
        expect(await ledger.claim(key, ms(10), ms(10 + lease), iso(10))).toEqual({ outcome: 'claimed' });

        // With the holder's lease, so a copy waits only as long as it has left.
        expect(await ledger.claim(key, ms(20), ms(20 + lease), iso(20))).toEqual({ outcome: 'in-flight-elsewhere', leaseUntil: ms(10 + lease) });
        expect(await ledger.get(key)).toMatchObject({ state: 'pending', attempts: 1, updatedAt: iso(10) });

        expect(await ledger.claim(key, ms(10 + lease + 1), ms(10 + 2 * lease + 1), iso(10 + lease + 1))).toEqual({ outcome: 'claimed' });
        expect(await ledger.get(key)).toMatchObject({ state: 'pending', attempts: 2, updatedAt: iso(10 + lease + 1) });
      });

      it('answers in-flight-elsewhere for a row not written yet, and writes none', async () => {
        const ledger = await make();
        const key = aKey(anIncidentId());
        expect(await ledger.claim(key, ms(10), ms(10 + lease), iso(10))).toEqual({ outcome: 'in-flight-elsewhere' });
        expect(await ledger.get(key)).toBeUndefined();
        expect(await ledger.listForIncident(key.incidentId)).toEqual([]);
      });

      it('answers already-settled for a settled row and leaves it alone', async () => {
        const ledger = await make();
        const key = await aPendingRow(ledger);
        expect(await ledger.claim(key, ms(10), ms(10 + lease), iso(10))).toEqual({ outcome: 'claimed' });
        expect(await ledger.settle(key, { state: 'sent', externalId: 'post-1' }, iso(11))).toBe(true);
        const settled = await ledger.get(key);

        expect(await ledger.claim(key, ms(12), ms(12 + lease), iso(12))).toEqual({ outcome: 'already-settled' });
        expect(await ledger.claim(key, ms(10 + lease + 1), ms(10 + 2 * lease + 1), iso(10 + lease + 1))).toEqual({ outcome: 'already-settled' });
        expect(await ledger.get(key)).toEqual(settled);
      });

      it('answers already-settled for a row written settled (skipped)', async () => {
        const ledger = await make();
        const key = aKey(anIncidentId());
        await ledger.putIfAbsent(aRow(key, { state: 'skipped', detail: 'not configured' }), iso(0));
        expect(await ledger.claim(key, ms(10), ms(10 + lease), iso(10))).toEqual({ outcome: 'already-settled' });
        expect(await ledger.get(key)).toMatchObject({ state: 'skipped', attempts: 0, updatedAt: iso(0) });
      });
    });

    describe('settle', () => {
      it('settles a pending row once; a second settle returns false and keeps the first outcome', async () => {
        const ledger = await make();
        const key = await aPendingRow(ledger);
        expect(await ledger.settle(key, { state: 'sent', externalId: 'sns-1', detail: 'published' }, iso(10))).toBe(true);
        const first = { updateId: aRow(key).updateId, seq: 1, channel: 'email', locale: 'en', state: 'sent', attempts: 0, externalId: 'sns-1', detail: 'published', updatedAt: iso(10) };
        expect(await ledger.get(key)).toEqual(first);

        expect(await ledger.settle(key, { state: 'failed', externalId: 'sns-2', detail: 'redelivered' }, iso(20))).toBe(false);
        expect(await ledger.settle(key, { state: 'sent' }, iso(21))).toBe(false);
        expect(await ledger.get(key)).toEqual(first);
      });

      it('settles a claimed row while its lease runs', async () => {
        const ledger = await make();
        const key = await aPendingRow(ledger);
        expect(await ledger.claim(key, ms(10), ms(10 + lease), iso(10))).toEqual({ outcome: 'claimed' });
        expect(await ledger.settle(key, { state: 'failed', detail: 'rejected by X' }, iso(11))).toBe(true);
        expect(await ledger.get(key)).toEqual({
          updateId: aRow(key).updateId,
          seq: 1,
          channel: 'email',
          locale: 'en',
          state: 'failed',
          attempts: 1,
          detail: 'rejected by X',
          updatedAt: iso(11),
        });
      });

      it('returns false for a row not written, and writes none', async () => {
        const ledger = await make();
        const key = aKey(anIncidentId());
        expect(await ledger.settle(key, { state: 'sent', externalId: 'sns-1' }, iso(10))).toBe(false);
        expect(await ledger.get(key)).toBeUndefined();
        expect(await ledger.listForIncident(key.incidentId)).toEqual([]);
      });
    });

    describe('release', () => {
      it('gives a claimed row back: attempts kept, detail set, and the next claim gets in at once', async () => {
        const ledger = await make();
        const key = await aPendingRow(ledger);
        expect(await ledger.claim(key, ms(10), ms(10 + lease), iso(10))).toEqual({ outcome: 'claimed' });
        await ledger.release(key, 'X answered 503', iso(11));
        expect(await ledger.get(key)).toMatchObject({ state: 'pending', attempts: 1, detail: 'X answered 503', updatedAt: iso(11) });

        // Well inside the lease the first claim took.
        expect(await ledger.claim(key, ms(12), ms(12 + lease), iso(12))).toEqual({ outcome: 'claimed' });
        expect(await ledger.get(key)).toMatchObject({ state: 'pending', attempts: 2, detail: 'X answered 503', updatedAt: iso(12) });
      });

      it('returns true when it gave the row back', async () => {
        const ledger = await make();
        const key = await aPendingRow(ledger);
        expect(await ledger.claim(key, ms(10), ms(10 + lease), iso(10))).toEqual({ outcome: 'claimed' });
        expect(await ledger.release(key, 'X answered 503', iso(11))).toBe(true);
      });

      it('answers false on a row another copy settled meanwhile, and leaves it alone', async () => {
        const ledger = await make();
        const key = await aPendingRow(ledger);
        expect(await ledger.settle(key, { state: 'sent', externalId: 'sns-1' }, iso(10))).toBe(true);
        const settled = await ledger.get(key);
        expect(await ledger.release(key, 'too late', iso(11))).toBe(false);
        expect(await ledger.get(key)).toEqual(settled);
      });

      it('answers false on a row not written, and writes none', async () => {
        const ledger = await make();
        const key = aKey(anIncidentId());
        expect(await ledger.release(key, 'nothing here', iso(11))).toBe(false);
        expect(await ledger.get(key)).toBeUndefined();
      });
    });

    describe('publish records', () => {
      it('round-trips the published locales per incident and seq, never mixing in another seq', async () => {
        const ledger = await make();
        const incidentId = anIncidentId();
        const other = anIncidentId();
        expect(await ledger.publishedLocales(incidentId, 1)).toEqual(new Map());

        await ledger.markPublished(incidentId, 1, 'en', 'msg-1-en', iso(1));
        await ledger.markPublished(incidentId, 1, 'id', 'msg-1-id', iso(2));
        await ledger.markPublished(incidentId, 2, 'en', 'msg-2-en', iso(3));
        await ledger.markPublished(incidentId, 10, 'id', 'msg-10-id', iso(4));
        await ledger.markPublished(other, 1, 'en', 'other-1-en', iso(5));

        expect(await ledger.publishedLocales(incidentId, 1)).toEqual(new Map([['en', 'msg-1-en'], ['id', 'msg-1-id']]));
        expect(await ledger.publishedLocales(incidentId, 2)).toEqual(new Map([['en', 'msg-2-en']]));
        expect(await ledger.publishedLocales(incidentId, 10)).toEqual(new Map([['id', 'msg-10-id']]));
        expect(await ledger.publishedLocales(incidentId, 3)).toEqual(new Map());
        expect(await ledger.publishedLocales(other, 1)).toEqual(new Map([['en', 'other-1-en']]));
        expect(await ledger.publishedLocales(other, 2)).toEqual(new Map());
        // Publish records are not delivery rows.
        expect(await ledger.listForIncident(incidentId)).toEqual([]);
      });
    });

    describe('listForIncident', () => {
      it("lists the incident's rows only, by seq (numerically), then channel, then locale", async () => {
        const ledger = await make();
        const incidentId = anIncidentId();
        const other = anIncidentId();
        const keys: DeliveryKey[] = [
          aKey(incidentId, { seq: 10, channel: 'email', locale: 'en' }),
          aKey(incidentId, { seq: 2, channel: 'x', locale: 'en' }),
          aKey(incidentId, { seq: 2, channel: 'email', locale: 'id' }),
          aKey(other, { seq: 1, channel: 'email', locale: 'en' }),
          aKey(incidentId, { seq: 2, channel: 'inapp', locale: 'id' }),
          aKey(incidentId, { seq: 2, channel: 'email', locale: 'en' }),
          aKey(incidentId, { seq: 1, channel: 'inapp', locale: 'en' }),
          aKey(incidentId, { seq: 2, channel: 'inapp', locale: 'en' }),
        ];
        for (const key of keys) expect(await ledger.putIfAbsent(aRow(key), iso(0))).toBe(true);
        await ledger.markPublished(incidentId, 2, 'en', 'msg-2-en', iso(1));

        const rows = await ledger.listForIncident(incidentId);
        expect(rows.map((row) => `${row.seq}:${row.channel}:${row.locale}`)).toEqual([
          '1:inapp:en',
          '2:email:en',
          '2:email:id',
          '2:inapp:en',
          '2:inapp:id',
          '2:x:en',
          '10:email:en',
        ]);
        for (const row of rows) {
          expect(row).toEqual(await ledger.get({ incidentId, seq: row.seq, channel: row.channel, locale: row.locale }));
        }
        expect(await ledger.listForIncident(other)).toHaveLength(1);
        expect(await ledger.listForIncident(anIncidentId())).toEqual([]);
      });
    });

    describe('redrive', () => {
      /** A request redriving `targets` of update 1 of `incidentId`, at second 9. */
      const aRedrive = (incidentId: string, targets: { channel: 'x' | 'inapp'; locale: string }[]): RedriveRequest => ({
        incidentId,
        redriveId: `rdr_${randomUUID()}`,
        requestedAt: iso(9),
        update: { ...anOpeningUpdate(aConfig()), incidentId },
        targets,
      });

      it('resets failed rows to pending, counting the redrive and saying so, and keeps their attempts', async () => {
        const ledger = await make();
        const incidentId = anIncidentId();
        const x = aKey(incidentId, { seq: 1, channel: 'x', locale: 'en' });
        const inapp = aKey(incidentId, { seq: 1, channel: 'inapp', locale: 'id' });
        for (const key of [x, inapp]) expect(await ledger.putIfAbsent(aRow(key), iso(0))).toBe(true);
        expect(await ledger.claim(x, ms(1), ms(1 + lease), iso(1))).toEqual({ outcome: 'claimed' });
        for (const key of [x, inapp]) expect(await ledger.settle(key, { state: 'failed', detail: 'X rejected the post (HTTP 403): …' }, iso(2))).toBe(true);

        const request = aRedrive(incidentId, [{ channel: 'x', locale: 'en' }, { channel: 'inapp', locale: 'id' }]);
        request.update.seq = 1;
        expect(await ledger.redrive(request)).toBe(true);

        expect(await ledger.get(x)).toMatchObject({ state: 'pending', attempts: 1, redrives: 1, detail: `redriven by a commander at ${iso(9)}`, updatedAt: iso(9) });
        expect(await ledger.get(inapp)).toMatchObject({ state: 'pending', attempts: 0, redrives: 1 });
        // Sent and claimed again as any pending row.
        expect(await ledger.claim(x, ms(10), ms(10 + lease), iso(10))).toEqual({ outcome: 'claimed' });
      });

      it('writes nothing when one of its rows is not failed (sent meanwhile, or redriven by another commander)', async () => {
        const ledger = await make();
        const incidentId = anIncidentId();
        const failed = aKey(incidentId, { seq: 1, channel: 'x', locale: 'en' });
        const sent = aKey(incidentId, { seq: 1, channel: 'inapp', locale: 'en' });
        for (const key of [failed, sent]) expect(await ledger.putIfAbsent(aRow(key), iso(0))).toBe(true);
        expect(await ledger.settle(failed, { state: 'failed', detail: 'refused' }, iso(1))).toBe(true);
        expect(await ledger.settle(sent, { state: 'sent', externalId: 'feed_1' }, iso(1))).toBe(true);
        const request = aRedrive(incidentId, [{ channel: 'x', locale: 'en' }, { channel: 'inapp', locale: 'en' }]);
        request.update.seq = 1;

        expect(await ledger.redrive(request)).toBe(false);
        expect(await ledger.get(failed)).toMatchObject({ state: 'failed', detail: 'refused' });
        expect((await ledger.get(failed))?.redrives).toBeUndefined();
        expect(await ledger.get(sent)).toMatchObject({ state: 'sent' });
      });
    });
  });
}
