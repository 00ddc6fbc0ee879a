import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../lambdas/core/config/parse-config.js';
import { addUpdate, declareIncident } from '../../../lambdas/core/incident/lifecycle.js';
import { createRequestSchemas } from '../../../lambdas/core/incident/request-schemas.js';
import { presentSummary } from '../../../lambdas/core/incident/present-incident.js';
import { aConfig, aConfigInput, aDeclareInput, anAddUpdateInput } from '../../support/builders.js';

const config = aConfig();
const ids = { incidentId: 'inc_01JF3Z0000000000000000000P', updateId: 'upd_1' };
const declaredAt = '2024-12-11T23:16:00.000Z';
const minutesAfter = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
const { declareIncidentSchema, addUpdateSchema } = createRequestSchemas(config);

describe('the "next update by" promise', () => {
  it('comes from the configured cadence for the impact when the commander names none (critical 30, major 60, minor 120, none no promise)', () => {
    const promised = (impact: 'none' | 'minor' | 'major' | 'critical') => declareIncident(aDeclareInput({ impact }), ids, declaredAt, config).head.nextUpdateBy;
    expect(promised('critical')).toBe(minutesAfter(declaredAt, 30));
    expect(promised('major')).toBe(minutesAfter(declaredAt, 60));
    expect(promised('minor')).toBe(minutesAfter(declaredAt, 120));
    expect(promised('none')).toBeNull();
  });

  it('follows the operator\'s cadence, which may promise nothing for an impact', () => {
    const own = parseConfig(aConfigInput({ cadenceMinutes: { critical: 15, major: null } }));
    expect(own.cadenceMinutes).toEqual({ none: null, minor: 120, major: null, critical: 15 });
    expect(declareIncident(aDeclareInput({ impact: 'critical' }), ids, declaredAt, own).head.nextUpdateBy).toBe(minutesAfter(declaredAt, 15));
    expect(declareIncident(aDeclareInput({ impact: 'major' }), ids, declaredAt, own).head.nextUpdateBy).toBeNull();
  });

  it('takes the commander\'s minutes, or null for no promise, on a declaration and on an open update', () => {
    const declared = declareIncident(aDeclareInput({ impact: 'critical', nextUpdateInMinutes: 45 }), ids, declaredAt, config).head;
    expect(declared.nextUpdateBy).toBe(minutesAfter(declaredAt, 45));
    const updatedAt = minutesAfter(declaredAt, 20);
    const silent = addUpdate(declared, anAddUpdateInput({ nextUpdateInMinutes: null }), 'upd_2', updatedAt, config).head;
    expect(silent.nextUpdateBy).toBeNull();
    const cadence = addUpdate(declared, anAddUpdateInput({ impact: 'major' }), 'upd_2', updatedAt, config).head;
    expect(cadence.nextUpdateBy).toBe(minutesAfter(updatedAt, 60));
  });

  it('is kept on the timeline entry, so every channel renders it from the stream record alone', () => {
    const { update } = declareIncident(aDeclareInput({ impact: 'critical' }), ids, declaredAt, config);
    expect(update.incident.nextUpdateBy).toBe(minutesAfter(declaredAt, 30));
  });

  it('ends with resolution, and any update clears overdue', () => {
    const declared = declareIncident(aDeclareInput({ impact: 'critical' }), ids, declaredAt, config).head;
    const overdue = { ...declared, overdue: true };
    const updated = addUpdate(overdue, anAddUpdateInput(), 'upd_2', minutesAfter(declaredAt, 40), config).head;
    expect(updated.overdue).toBeUndefined();
    expect(presentSummary(updated, config)).toMatchObject({ overdue: false, nextUpdateBy: minutesAfter(declaredAt, 70) });
    const resolved = addUpdate(overdue, anAddUpdateInput({ status: 'resolved' }), 'upd_2', minutesAfter(declaredAt, 40), config).head;
    expect(resolved.nextUpdateBy).toBeNull();
    expect(presentSummary(resolved, config)).toMatchObject({ overdue: false, nextUpdateBy: null });
  });

  it('shows overdue and no promise on incidents stored before promises existed', () => {
    const { nextUpdateBy: _dropped, ...stored } = declareIncident(aDeclareInput(), ids, declaredAt, config).head;
    expect(presentSummary(stored, config)).toMatchObject({ nextUpdateBy: null, overdue: false });
  });

  it('accepts 5 to 1440 whole minutes or null, and no promise on a resolving update', () => {
    const base = { title: 'T', impact: 'major', message: 'M' };
    for (const minutes of [5, 1440, null]) expect(declareIncidentSchema.safeParse({ ...base, nextUpdateInMinutes: minutes }).success, String(minutes)).toBe(true);
    for (const minutes of [4, 1441, 30.5, '30', -5]) {
      const parsed = declareIncidentSchema.safeParse({ ...base, nextUpdateInMinutes: minutes });
      expect(parsed.success, String(minutes)).toBe(false);
      expect(parsed.error?.issues[0]?.path).toEqual(['nextUpdateInMinutes']);
    }
    const resolving = addUpdateSchema.safeParse({ status: 'resolved', message: 'Fixed.', nextUpdateInMinutes: 30 });
    expect(resolving.success).toBe(false);
    expect(resolving.error?.issues[0]?.message).toMatch(/resolved incident has no next update/);
    expect(addUpdateSchema.safeParse({ status: 'resolved', message: 'Fixed.', nextUpdateInMinutes: null }).success).toBe(true);
  });

  it('refuses a cadence outside 5–1440 minutes in the configuration', () => {
    expect(() => parseConfig(aConfigInput({ cadenceMinutes: { critical: 2 } }))).toThrow(/cadenceMinutes/);
  });
});
