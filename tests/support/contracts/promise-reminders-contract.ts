import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addUpdate, declareIncident } from '../../../lambdas/core/incident/lifecycle.js';
import type { IncidentStore } from '../../../lambdas/core/ports/incident-store.js';
import type { PromiseReminders } from '../../../lambdas/core/ports/promise-reminders.js';
import { aConfig, aDeclareInput, anAddUpdateInput } from '../builders.js';

export interface PromiseRemindersUnderTest {
  incidents: IncidentStore;
  reminders: PromiseReminders;
}

const config = aConfig();
const declaredAt = '2031-01-01T07:00:00.000Z';
const promisedBy = '2031-01-01T08:00:00.000Z';
const after = (minutes: number) => new Date(Date.parse(promisedBy) + minutes * 60_000).toISOString();

async function aMajorIncident(incidents: IncidentStore) {
  const change = declareIncident(aDeclareInput({ impact: 'major' }), { incidentId: `inc_${randomUUID()}`, updateId: `upd_${randomUUID()}` }, declaredAt, config);
  await incidents.commit(change, null);
  return change.head;
}

/**
 * What a missed promise's marks must do in any store: one claim per promise (until its lease runs
 * out unreminded), none once reminded or for a version the incident has left, and `overdue` on the
 * head until the next update.
 */
export function describePromiseRemindersContract(name: string, create: () => Promise<PromiseRemindersUnderTest>): void {
  describe(`promise reminders (${name})`, () => {
    it('lets one of several simultaneous claims remind, and marks the incident overdue', async () => {
      const { incidents, reminders } = await create();
      const head = await aMajorIncident(incidents);
      expect(head.nextUpdateBy).toBe(promisedBy);
      const claims = await Promise.all(Array.from({ length: 5 }, () => reminders.claim(head.id, 1, after(1), after(-1))));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect((await incidents.getHead(head.id))?.overdue).toBe(true);
    });

    it('gives a claim that was never reminded to a later caller once its lease has run out, and none after the reminder', async () => {
      const { incidents, reminders } = await create();
      const head = await aMajorIncident(incidents);
      expect(await reminders.claim(head.id, 1, after(1), after(-1))).toBe(true);
      // Within the lease (claimed at +1, stale only before +0.5 here): the holder may still be reminding.
      expect(await reminders.claim(head.id, 1, after(1.5), after(0.5))).toBe(false);
      // The holder died: after the lease a retry may remind.
      expect(await reminders.claim(head.id, 1, after(5), after(3))).toBe(true);
      await reminders.markReminded(head.id, 1, after(5));
      expect(await reminders.claim(head.id, 1, after(60), after(58))).toBe(false);
    });

    it('claims nothing for a version the incident has left, and the next update clears overdue', async () => {
      const { incidents, reminders } = await create();
      const head = await aMajorIncident(incidents);
      expect(await reminders.claim(head.id, 1, after(1), after(-1))).toBe(true);
      const overdue = (await incidents.getHead(head.id))!;
      const next = addUpdate(overdue, anAddUpdateInput(), `upd_${randomUUID()}`, after(2), config);
      await incidents.commit(next, 1);
      const updated = (await incidents.getHead(head.id))!;
      expect(updated.overdue ?? false).toBe(false);
      expect(updated.nextUpdateBy).toBe(new Date(Date.parse(after(2)) + 60 * 60_000).toISOString());
      expect(await reminders.claim(head.id, 1, after(90), after(88))).toBe(false);
      // Marking the left version reminded is no error and changes nothing.
      await reminders.markReminded(head.id, 1, after(90));
      expect((await incidents.getHead(head.id))?.overdue ?? false).toBe(false);
    });

    it('claims nothing for an incident that does not exist', async () => {
      const { reminders } = await create();
      expect(await reminders.claim(`inc_${randomUUID()}`, 1, after(1), after(-1))).toBe(false);
    });
  });
}
