import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DeliveryKey, DeliveryLedger } from '../../../lambdas/core/ports/delivery-ledger.js';
import type { WebhookLedger, WebhookRecipientKey } from '../../../lambdas/core/ports/webhook-ledger.js';
import type { WebhookStore } from '../../../lambdas/core/ports/webhook-store.js';
import type { WebhookSubscriber } from '../../../lambdas/core/webhooks/webhook-subscriber.js';
import { ulidIds } from '../../../lambdas/adapters/ids.js';

const iso = (seconds: number) => new Date(Date.UTC(2031, 0, 1) + seconds * 1000).toISOString();

interface WebhookStores {
  deliveries: DeliveryLedger;
  webhooks: WebhookStore;
  ledger: WebhookLedger;
}

function aSubscriber(overrides: Partial<WebhookSubscriber> = {}): WebhookSubscriber {
  return { id: ulidIds.webhookId(), url: 'https://hooks.example.com/in', format: 'json', locale: 'en', components: [], state: 'active', createdAt: iso(0), ...overrides };
}

async function aDeliveryRow(deliveries: DeliveryLedger): Promise<DeliveryKey> {
  const incidentId = `inc_${randomUUID()}`;
  const delivery: DeliveryKey = { incidentId, seq: 1, channel: 'webhook', locale: 'en' };
  await deliveries.putIfAbsent({ ...delivery, updateId: `upd_${incidentId}`, state: 'pending' }, iso(0));
  return delivery;
}

/**
 * What every webhook store and ledger must do, on DynamoDB and in memory alike: subscribers kept,
 * listed newest first and removed; a delivery planned once however often the planner runs, each
 * recipient settled and counted once, the row `sent` when the last one settles.
 */
export function describeWebhookContract(name: string, make: () => Promise<WebhookStores>): void {
  describe(`${name} webhook store and ledger`, () => {
    it('keeps subscribers, lists them newest first, records their health, and removes them', async () => {
      const { webhooks } = await make();
      const older = aSubscriber();
      const newer = aSubscriber({ format: 'discord', locale: 'id', components: ['chat'] });
      await webhooks.create(older);
      await webhooks.create(newer);
      expect(await webhooks.get(newer.id)).toEqual(newer);
      const page = await webhooks.list({ limit: 1 });
      expect(page.items).toEqual([newer]);
      const rest = await webhooks.list({ limit: 1, cursor: page.nextCursor! });
      expect(rest.items).toEqual([older]);
      await webhooks.recordHealth(older.id, { state: 'disabled', lastFailure: { at: iso(5), reason: 'answered 500' }, failingSince: iso(1), disabledAt: iso(5) });
      expect(await webhooks.get(older.id)).toMatchObject({ state: 'disabled', failingSince: iso(1), url: older.url });
      await webhooks.recordHealth(older.id, { state: 'disabled', lastSuccessAt: iso(6) });
      expect(await webhooks.get(older.id)).not.toHaveProperty('failingSince');
      expect(await webhooks.remove(older.id)).toBe(true);
      expect(await webhooks.remove(older.id)).toBe(false);
      // Health recorded after a removal does not bring the subscriber back.
      await webhooks.recordHealth(older.id, { state: 'active', lastSuccessAt: iso(7) });
      expect(await webhooks.get(older.id)).toBeUndefined();
      expect((await webhooks.all()).map((subscriber) => subscriber.id)).toContain(newer.id);
    });

    it('plans a delivery once, counts each recipient once, and marks the row sent when the last one settles', async () => {
      const { deliveries, ledger } = await make();
      const delivery = await aDeliveryRow(deliveries);
      const [a, b, c] = [ulidIds.webhookId(), ulidIds.webhookId(), ulidIds.webhookId()];
      expect(new Set(await ledger.plan(delivery, [a!, b!, c!], iso(1)))).toEqual(new Set([a, b, c]));
      // A repeated planner plans nobody new and answers those not settled yet.
      expect(new Set(await ledger.plan(delivery, [a!, b!, ulidIds.webhookId()], iso(2)))).toEqual(new Set([a, b, c]));
      const key = (webhookId: string): WebhookRecipientKey => ({ incidentId: delivery.incidentId, seq: 1, locale: 'en', webhookId });

      await ledger.recordAttempt(key(a!), 'answered 503', iso(3));
      expect(await ledger.recipient(key(a!))).toEqual({ state: 'planned', attempts: 1 });
      expect(await ledger.settle(key(a!), 'sent', undefined, iso(4))).toBe(true);
      expect(await ledger.settle(key(a!), 'failed', 'again', iso(4))).toBe(false);
      expect(await ledger.recipient(key(a!))).toEqual({ state: 'sent', attempts: 2 });
      expect(await ledger.completeIfDone(delivery, iso(4))).toBe(false);
      await ledger.settle(key(b!), 'failed', 'gave up', iso(5));
      await ledger.settle(key(c!), 'suppressed', 'removed', iso(5));
      expect(await ledger.plan(delivery, [], iso(6))).toEqual([]);
      expect(await ledger.completeIfDone(delivery, iso(6))).toBe(true);
      expect(await ledger.completeIfDone(delivery, iso(7))).toBe(false);
      expect(await deliveries.get(delivery)).toMatchObject({ state: 'sent', recipients: { planned: 3, sent: 1, failed: 1, suppressed: 1 } });
    });

    it('marks a delivery with nobody to post to sent at once', async () => {
      const { deliveries, ledger } = await make();
      const delivery = await aDeliveryRow(deliveries);
      expect(await ledger.plan(delivery, [], iso(1))).toEqual([]);
      expect(await ledger.completeIfDone(delivery, iso(1))).toBe(true);
      expect(await deliveries.get(delivery)).toMatchObject({ state: 'sent', recipients: { planned: 0, sent: 0, failed: 0, suppressed: 0 } });
    });
  });
}
