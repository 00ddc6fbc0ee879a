import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { declareIncident } from '../../../lambdas/core/incident/lifecycle.js';
import { scheduleMaintenance, updateMaintenance } from '../../../lambdas/core/maintenance/maintenance-lifecycle.js';
import { createMaintenanceRequestSchemas } from '../../../lambdas/core/maintenance/maintenance-request-schemas.js';
import type { IncidentStore } from '../../../lambdas/core/ports/incident-store.js';
import { InvalidCursor } from '../../../lambdas/core/ports/store-errors.js';
import { aConfig, aDeclareInput } from '../builders.js';

const config = aConfig();
const { scheduleMaintenanceSchema, updateMaintenanceSchema } = createMaintenanceRequestSchemas(config);
// Far from every other contract's times, and a year of its own per test, so listings never meet.
const epoch = (year: number) => Date.UTC(year, 0, 1);

async function aWindowStartingIn(incidents: IncidentStore, year: number, days: number) {
  const now = new Date(epoch(year)).toISOString();
  const at = (d: number) => new Date(epoch(year) + d * 86_400_000).toISOString();
  const body = scheduleMaintenanceSchema.parse({ title: `Window ${days}`, message: 'Work.', components: ['chat'], scheduledFor: at(days), scheduledUntil: at(days + 0.5) });
  const change = scheduleMaintenance(body, { maintenanceId: `mnt_${randomUUID()}`, updateId: `upd_${randomUUID()}` }, now, config);
  await incidents.commit(change, null);
  return change.head;
}

/** Maintenance windows listed by phase, apart from incidents, in their start order, a page at a time. */
export function describeMaintenanceListingContract(name: string, create: () => Promise<IncidentStore>): void {
  describe(`maintenance listing (${name})`, () => {
    it('lists upcoming windows soonest first, moves them between phases as they change, and never lists them as incidents', async () => {
      const incidents = await create();
      const year = 2040 + Math.floor(Math.random() * 500);
      const later = await aWindowStartingIn(incidents, year, 3);
      const sooner = await aWindowStartingIn(incidents, year, 1);
      await incidents.commit(declareIncident(aDeclareInput(), { incidentId: `inc_${randomUUID()}`, updateId: `upd_${randomUUID()}` }, new Date(epoch(year)).toISOString(), config), null);
      const upcoming = (await incidents.listMaintenances('upcoming', 100)).heads.map((head) => head.id);
      expect(upcoming.indexOf(sooner.id)).toBeGreaterThanOrEqual(0);
      expect(upcoming.indexOf(sooner.id)).toBeLessThan(upcoming.indexOf(later.id));
      expect((await incidents.listOpen()).map((head) => head.id)).not.toContain(sooner.id);
      expect((await incidents.listIncidents('all', 100)).heads.map((head) => head.id)).not.toContain(sooner.id);

      const started = updateMaintenance(sooner, updateMaintenanceSchema.parse({ status: 'in_progress', message: 'Go.' }), `upd_${randomUUID()}`, new Date(epoch(year) + 86_400_000).toISOString(), config);
      await incidents.commit(started, 1);
      expect((await incidents.listMaintenances('active', 100)).heads.map((head) => head.id)).toContain(sooner.id);
      expect((await incidents.listMaintenances('upcoming', 100)).heads.map((head) => head.id)).not.toContain(sooner.id);
      const done = updateMaintenance(started.head, updateMaintenanceSchema.parse({ status: 'completed', message: 'Done.' }), `upd_${randomUUID()}`, new Date(epoch(year) + 86_500_000).toISOString(), config);
      await incidents.commit(done, 2);
      expect((await incidents.listMaintenances('past', 100)).heads.map((head) => head.id)).toContain(sooner.id);
      expect((await incidents.listMaintenances('active', 100)).heads.map((head) => head.id)).not.toContain(sooner.id);
    });

    it('pages with a cursor of its own listing, and refuses one of another', async () => {
      const incidents = await create();
      const year = 2600 + Math.floor(Math.random() * 300);
      for (const days of [1, 2, 3]) await aWindowStartingIn(incidents, year, days);
      const first = await incidents.listMaintenances('upcoming', 1);
      expect(first.nextCursor).not.toBeNull();
      const second = await incidents.listMaintenances('upcoming', 1, first.nextCursor!);
      expect(second.heads[0]?.id).not.toBe(first.heads[0]?.id);
      await expect(incidents.listMaintenances('past', 1, first.nextCursor!)).rejects.toThrow(InvalidCursor);
    });
  });
}
