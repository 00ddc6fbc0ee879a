import { describe, expect, it } from 'vitest';
import { LifecycleConflict } from '../../../lambdas/core/incident/errors.js';
import { addUpdate, declareIncident, defaultChannels, deriveKind } from '../../../lambdas/core/incident/lifecycle.js';
import { incidentStatusSchema } from '../../../lambdas/core/incident/vocabulary.js';
import { aConfig, aDeclareInput, anAddUpdateInput } from '../../support/builders.js';

const config = aConfig();
const ids = { incidentId: 'inc_01JF3Z0000000000000000000A', updateId: 'upd_1' };
const statuses = incidentStatusSchema.options;

function anIncidentIn(status: (typeof statuses)[number]) {
  const opened = declareIncident(aDeclareInput(), ids, '2024-12-12T07:02:11.000Z', config).head;
  return { ...opened, status, resolvedAt: status === 'resolved' ? '2024-12-12T08:00:00.000Z' : null };
}

describe('incident lifecycle', () => {
  for (const from of statuses) {
    for (const to of statuses) {
      const allowed = from !== 'resolved';
      it(`${from} → ${to} is ${allowed ? 'accepted' : 'a conflict (resolved is terminal)'}`, () => {
        const attempt = () => addUpdate(anIncidentIn(from), anAddUpdateInput({ status: to }), 'upd_2', '2024-12-12T09:00:00.000Z', config);
        if (!allowed) {
          expect(attempt).toThrow(LifecycleConflict);
          return;
        }
        const { head, update } = attempt();
        expect(head.status).toBe(to);
        expect(update.kind).toBe(to === 'resolved' ? 'recovery' : 'update');
        expect(head.resolvedAt).toBe(to === 'resolved' ? '2024-12-12T09:00:00.000Z' : null);
      });
    }
  }

  it('opening an incident is the apology, seq 1, version 1', () => {
    const { head, update } = declareIncident(aDeclareInput(), ids, '2024-12-12T07:02:11.000Z', config);
    expect(update).toMatchObject({ kind: 'apology', seq: 1, status: 'investigating' });
    expect(head.version).toBe(1);
  });

  it('derives the kind from the transition', () => {
    expect(deriveKind(null, 'investigating')).toBe('apology');
    expect(deriveKind('monitoring', 'investigating')).toBe('update');
    expect(deriveKind('identified', 'resolved')).toBe('recovery');
  });

  it('each update bumps the version by one and takes the next seq', () => {
    const opened = declareIncident(aDeclareInput(), ids, '2024-12-12T07:02:11.000Z', config).head;
    const { head, update } = addUpdate(opened, anAddUpdateInput(), 'upd_2', '2024-12-12T07:30:00.000Z', config);
    expect(head.version).toBe(2);
    expect(update.seq).toBe(2);
  });

  it('never lets the timeline run backwards when a container clock lags', () => {
    const opened = declareIncident(aDeclareInput(), ids, '2024-12-12T07:02:11.000Z', config).head;
    const { update } = addUpdate(opened, anAddUpdateInput(), 'upd_2', '2024-12-12T07:00:00.000Z', config);
    expect(update.createdAt).toBe('2024-12-12T07:02:11.000Z');
  });

  it.each([
    ['none', ['inapp']],
    ['minor', ['inapp', 'email', 'webhook']],
    ['major', ['inapp', 'email', 'x', 'webhook']],
    ['critical', ['inapp', 'email', 'x', 'webhook']],
  ] as const)('a %s incident defaults to %j', (impact, expected) => {
    expect(defaultChannels(impact)).toEqual(expected);
    const { update } = declareIncident(aDeclareInput({ impact }), ids, '2024-12-12T07:02:11.000Z', config);
    expect(update.channels).toEqual(expected);
  });

  it('keeps the channels a request names', () => {
    const { update } = declareIncident(aDeclareInput({ impact: 'critical', channels: ['inapp'] }), ids, '2024-12-12T07:02:11.000Z', config);
    expect(update.channels).toEqual(['inapp']);
  });

  it('resolving puts every touched component back to operational', () => {
    const opened = declareIncident(
      aDeclareInput({ components: [{ id: 'chat', status: 'major_outage' }, { id: 'api', status: 'partial_outage' }] }),
      ids,
      '2024-12-12T07:02:11.000Z',
      config,
    ).head;
    const { head } = addUpdate(opened, anAddUpdateInput({ status: 'resolved' }), 'upd_2', '2024-12-12T11:12:11.000Z', config);
    expect(head.components).toEqual({ chat: 'operational', api: 'operational' });
  });

  it('resolving keeps a component status the request names', () => {
    const opened = declareIncident(aDeclareInput({ components: [{ id: 'chat', status: 'major_outage' }, { id: 'video', status: 'major_outage' }] }), ids, '2024-12-12T07:02:11.000Z', config).head;
    const { head } = addUpdate(
      opened,
      anAddUpdateInput({ status: 'resolved', components: [{ id: 'video', status: 'degraded_performance' }] }),
      'upd_2',
      '2024-12-12T11:12:11.000Z',
      config,
    );
    expect(head.components).toEqual({ chat: 'operational', video: 'degraded_performance' });
  });

  it('fills every locale from the default when the commander wrote only one', () => {
    const { update } = declareIncident(aDeclareInput({ message: { en: 'Investigating.' } }), ids, '2024-12-12T07:02:11.000Z', config);
    expect(update.message).toEqual({ en: 'Investigating.', id: 'Investigating.' });
  });

  it('the update carries the incident as it stood after it, so fan-out needs nothing else', () => {
    const { head, update } = declareIncident(aDeclareInput(), ids, '2024-12-12T07:02:11.000Z', config);
    const { id, ...rest } = head;
    expect(update.incident).toEqual(rest);
    expect(update.incidentId).toBe(id);
  });
});
