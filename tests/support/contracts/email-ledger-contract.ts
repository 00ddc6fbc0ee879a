import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { IncidentMailBatch, PlanPageTask } from '../../../lambdas/core/email/email-tasks.js';
import type { DeliveryKey, DeliveryLedger } from '../../../lambdas/core/ports/delivery-ledger.js';
import type { EmailLedger, FirstPage, RecipientKey } from '../../../lambdas/core/ports/email-ledger.js';
import type { SubscriberStore } from '../../../lambdas/core/ports/subscriber-store.js';
import { aSubscriber } from '../subscribers.js';

const epoch = Date.UTC(2031, 0, 1);
const ms = (seconds: number) => epoch + seconds * 1000;
const iso = (seconds: number) => new Date(ms(seconds)).toISOString();
const lease = 60;

/** An email delivery row written by the fan-out, not begun yet. */
async function aDeliveryRow(ledgers: { deliveries: DeliveryLedger }): Promise<DeliveryKey> {
  const incidentId = `inc_${randomUUID()}`;
  const delivery: DeliveryKey = { incidentId, seq: 1, channel: 'email', locale: 'en' };
  await ledgers.deliveries.putIfAbsent({ ...delivery, updateId: `upd_${incidentId}`, state: 'pending' }, iso(0));
  return delivery;
}

/** Two shards with nobody on their first page and more pages to plan. */
const twoShardsWithMore: FirstPage[] = [
  { shard: 0, subscriberIds: [], nextCursor: 'more-0' },
  { shard: 1, subscriberIds: [], nextCursor: 'more-1' },
];

/** An email delivery begun with these first pages. */
async function anEmailDelivery(ledgers: { deliveries: DeliveryLedger; email: EmailLedger }, firstPages: FirstPage[] = twoShardsWithMore): Promise<DeliveryKey> {
  const delivery = await aDeliveryRow(ledgers);
  await ledgers.email.beginPlanning(delivery, firstPages, iso(0));
  return delivery;
}

function aPageTask(delivery: DeliveryKey, shard: number, page = 1): PlanPageTask {
  return { kind: 'plan-page', incidentId: delivery.incidentId, seq: delivery.seq, updateId: `upd_${delivery.incidentId}`, locale: delivery.locale, shard, page, cursor: null };
}

function aBatch(delivery: DeliveryKey, subscriberIds: string[], shard = 0, batch = 0): IncidentMailBatch {
  return { kind: 'incident-mail', incidentId: delivery.incidentId, seq: delivery.seq, updateId: `upd_${delivery.incidentId}`, locale: delivery.locale, shard, page: 0, batch, subscriberIds };
}

function aRecipient(delivery: DeliveryKey, shard = 0): RecipientKey {
  return { incidentId: delivery.incidentId, seq: delivery.seq, shard, subscriberId: `sub_${randomUUID().replace(/-/g, '')}` };
}

/**
 * The behaviour every `EmailLedger` must show, on the DynamoDB adapter and the in-memory double
 * alike: pages recorded once with their counts, recipients claimed under a lease and settled once,
 * batches counted once, the delivery `sent` only when every shard is planned and every recipient
 * settled.
 *
 * @example
 * describeEmailLedgerContract('in memory', async () => { const stores = memoryStores(); return { deliveries: stores.deliveries, email: stores.emailLedger }; });
 */
export function describeEmailLedgerContract(name: string, make: () => Promise<{ deliveries: DeliveryLedger; email: EmailLedger; subscribers: SubscriberStore }>): void {
  describe(`EmailLedger contract: ${name}`, () => {
    it('begins a delivery once, its first pages recorded and counted together; beginning again answers those pages and changes nothing', async () => {
      const ledgers = await make();
      const delivery = await aDeliveryRow(ledgers);
      const firstPages: FirstPage[] = [
        { shard: 0, subscriberIds: ['sub_a', 'sub_b'], nextCursor: 'cursor-0' },
        { shard: 1, subscriberIds: ['sub_c'], nextCursor: null },
      ];
      expect(await ledgers.email.beginPlanning(delivery, firstPages, iso(1))).toEqual({ firstPages, firstPagesQueued: false });
      // Read again later, the audience has changed: the pages recorded the first time still stand.
      const readAgain: FirstPage[] = [
        { shard: 0, subscriberIds: ['sub_z'], nextCursor: null },
        { shard: 1, subscriberIds: [], nextCursor: null },
      ];
      expect(await ledgers.email.beginPlanning(delivery, readAgain, iso(2))).toEqual({ firstPages, firstPagesQueued: false });
      await ledgers.email.markFirstPagesQueued(delivery, iso(3));
      expect(await ledgers.email.beginPlanning(delivery, readAgain, iso(4))).toEqual({ firstPages, firstPagesQueued: true });
      expect((await ledgers.deliveries.get(delivery))?.recipients).toEqual({ planned: 3, sent: 0, failed: 0, suppressed: 0 });
    });

    it('refuses to begin a delivery the fan-out has not written', async () => {
      const { email } = await make();
      const delivery: DeliveryKey = { incidentId: `inc_${randomUUID()}`, seq: 1, channel: 'email', locale: 'en' };
      await expect(email.beginPlanning(delivery, twoShardsWithMore, iso(1))).rejects.toThrow(/delivery row/);
    });

    it('records a later page once: a repeated task gets the recipients recorded the first time, counted once', async () => {
      const ledgers = await make();
      const delivery = await anEmailDelivery(ledgers);
      const first = await ledgers.email.recordPage(aPageTask(delivery, 0), { subscriberIds: ['sub_a', 'sub_b'], nextCursor: 'cursor-2' }, iso(1));
      const again = await ledgers.email.recordPage(aPageTask(delivery, 0), { subscriberIds: ['sub_c'], nextCursor: null }, iso(2));
      expect(first).toEqual({ subscriberIds: ['sub_a', 'sub_b'], nextCursor: 'cursor-2', queued: false });
      expect(again).toEqual(first);
      expect((await ledgers.deliveries.get(delivery))?.recipients?.planned).toBe(2);
    });

    it('remembers that a later page was handed on, so a repeated task need not hand it on again', async () => {
      const ledgers = await make();
      const delivery = await anEmailDelivery(ledgers);
      const task = aPageTask(delivery, 1);
      await ledgers.email.recordPage(task, { subscriberIds: ['sub_a'], nextCursor: null }, iso(4));
      await ledgers.email.markPageQueued(task, iso(5));
      expect(await ledgers.email.recordPage(task, { subscriberIds: [], nextCursor: null }, iso(6))).toEqual({ subscriberIds: ['sub_a'], nextCursor: null, queued: true });
      expect((await ledgers.deliveries.get(delivery))?.recipients?.planned).toBe(1);
    });

    it('claims a recipient under a lease, lets another claim in after it, and settles once', async () => {
      const { email } = await make();
      const delivery = await anEmailDelivery(await make());
      const key = aRecipient(delivery);
      expect(await email.claimRecipient(key, 'en', ms(10), ms(10 + lease), iso(10))).toEqual({ outcome: 'claimed' });
      expect(await email.claimRecipient(key, 'en', ms(20), ms(20 + lease), iso(20))).toEqual({ outcome: 'in-flight-elsewhere', leaseUntil: ms(10 + lease) });
      expect(await email.claimRecipient(key, 'id', ms(10 + lease + 1), ms(200), iso(71))).toEqual({ outcome: 'claimed' });
      expect(await email.settleRecipient(key, { state: 'sent', messageId: 'ses-1' }, iso(72))).toBe(true);
      expect(await email.settleRecipient(key, { state: 'failed', detail: 'late' }, iso(73))).toBe(false);
      expect(await email.claimRecipient(key, 'en', ms(80), ms(80 + lease), iso(80))).toEqual({ outcome: 'settled', state: 'sent', locale: 'id' });
    });

    it('a released recipient can be claimed again at once; a skipped one is settled as suppressed, once', async () => {
      const { email } = await make();
      const delivery = await anEmailDelivery(await make());
      const released = aRecipient(delivery);
      await email.claimRecipient(released, 'en', ms(10), ms(10 + lease), iso(10));
      await email.releaseRecipient(released, 'SES answered 503', iso(11));
      expect(await email.claimRecipient(released, 'en', ms(12), ms(12 + lease), iso(12))).toEqual({ outcome: 'claimed' });

      const skipped = aRecipient(delivery);
      expect(await email.skipRecipient(skipped, 'en', 'the subscriber is unsubscribed', iso(13))).toEqual({ outcome: 'settled', state: 'suppressed', locale: 'en' });
      expect(await email.skipRecipient(skipped, 'en', 'again', iso(14))).toEqual({ outcome: 'settled', state: 'suppressed', locale: 'en' });
      expect(await email.claimRecipient(skipped, 'en', ms(15), ms(15 + lease), iso(15))).toEqual({ outcome: 'settled', state: 'suppressed', locale: 'en' });
      // Skipping one already held by a worker (the claim at 12 s) leaves it to that worker.
      await email.claimRecipient(released, 'en', ms(16), ms(16 + lease), iso(16));
      expect(await email.skipRecipient(released, 'en', 'left meanwhile', iso(17))).toEqual({ outcome: 'in-flight-elsewhere', leaseUntil: ms(12 + lease) });
    });

    it('counts a batch once, and marks the delivery sent only when every shard is planned and every recipient counted', async () => {
      const ledgers = await make();
      const delivery = await anEmailDelivery(ledgers, [
        { shard: 0, subscriberIds: ['sub_a', 'sub_b', 'sub_c'], nextCursor: null },
        { shard: 1, subscriberIds: [], nextCursor: 'more-1' },
      ]);
      const batch = aBatch(delivery, ['sub_a', 'sub_b', 'sub_c']);
      expect(await ledgers.email.isBatchRecorded(batch)).toBe(false);
      expect(await ledgers.email.recordBatch(batch, { sent: 2, failed: 1, suppressed: 0 }, iso(2))).toBe(true);
      expect(await ledgers.email.recordBatch(batch, { sent: 3, failed: 0, suppressed: 0 }, iso(3))).toBe(false);
      expect(await ledgers.email.isBatchRecorded(batch)).toBe(true);
      expect((await ledgers.deliveries.get(delivery))?.recipients).toEqual({ planned: 3, sent: 2, failed: 1, suppressed: 0 });

      // Shard 1 has a page still unplanned: nothing is done yet.
      expect(await ledgers.email.completeIfDone(delivery, iso(4))).toBe(false);
      expect((await ledgers.deliveries.get(delivery))?.state).toBe('pending');
      await ledgers.email.recordPage(aPageTask(delivery, 1), { subscriberIds: [], nextCursor: null }, iso(5));
      expect(await ledgers.email.completeIfDone(delivery, iso(6))).toBe(true);
      expect(await ledgers.email.completeIfDone(delivery, iso(7))).toBe(false);
      expect(await ledgers.deliveries.get(delivery)).toMatchObject({ state: 'sent', recipients: { planned: 3, sent: 2, failed: 1, suppressed: 0 } });
    });

    it('a delivery with recipients still unsent is not complete, whatever the shards; one with nobody to mail is complete at once', async () => {
      const ledgers = await make();
      const delivery = await anEmailDelivery(ledgers, [{ shard: 0, subscriberIds: ['sub_a', 'sub_b'], nextCursor: null }]);
      expect(await ledgers.email.completeIfDone(delivery, iso(2))).toBe(false);
      await ledgers.email.recordBatch(aBatch(delivery, ['sub_a']), { sent: 1, failed: 0, suppressed: 0 }, iso(3));
      expect(await ledgers.email.completeIfDone(delivery, iso(4))).toBe(false);
      await ledgers.email.recordBatch(aBatch(delivery, ['sub_b'], 0, 1), { sent: 0, failed: 0, suppressed: 1 }, iso(5));
      expect(await ledgers.email.completeIfDone(delivery, iso(6))).toBe(true);

      const nobody = await anEmailDelivery(ledgers, [{ shard: 0, subscriberIds: [], nextCursor: null }, { shard: 1, subscriberIds: [], nextCursor: null }]);
      expect(await ledgers.email.completeIfDone(nobody, iso(7))).toBe(true);
      expect(await ledgers.deliveries.get(nobody)).toMatchObject({ state: 'sent', recipients: { planned: 0, sent: 0, failed: 0, suppressed: 0 } });
    });

    it('takes a mail request once: done after it is settled, held while leased, back after a release', async () => {
      const { email, subscribers } = await make();
      const sent = await aMailRequest(subscribers);
      const released = await aMailRequest(subscribers);
      expect(await email.claimMailRequest(`mrq_${randomUUID()}`, ms(10), ms(10 + lease), iso(10))).toBe('done');
      expect(await email.claimMailRequest(sent, ms(10), ms(10 + lease), iso(10))).toBe('claimed');
      expect(await email.claimMailRequest(sent, ms(11), ms(11 + lease), iso(11))).toBe('in-flight-elsewhere');
      await email.settleMailRequest(sent, { messageId: 'ses-9' }, iso(12));
      expect(await email.claimMailRequest(sent, ms(200), ms(200 + lease), iso(200))).toBe('done');

      expect(await email.claimMailRequest(released, ms(10), ms(10 + lease), iso(10))).toBe('claimed');
      await email.releaseMailRequest(released, 'SES throttled', iso(11));
      expect(await email.claimMailRequest(released, ms(12), ms(12 + lease), iso(12))).toBe('claimed');
    });
  });
}

/** A pending subscriber with its confirmation request, written as the API writes them; the request's id. */
async function aMailRequest(subscribers: SubscriberStore): Promise<string> {
  const subscriber = aSubscriber({ state: 'pending', email: `${randomUUID()}@example.com` });
  const id = `mrq_${randomUUID().replace(/-/g, '')}`;
  expect(await subscribers.create(subscriber, { id, subscriberId: subscriber.id, mail: 'confirmation', requestedAt: iso(0) })).toBe(true);
  return id;
}
