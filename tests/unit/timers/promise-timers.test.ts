import { describe, expect, it } from 'vitest';
import { addUpdate, declareIncident } from '../../../lambdas/core/incident/lifecycle.js';
import { promiseDue } from '../../../lambdas/core/timers/promise-due.js';
import { timerTargetSchema } from '../../../lambdas/core/timers/timer-target.js';
import { timersOfHead } from '../../../lambdas/core/timers/timers-of-head.js';
import { aConfig, aDeclareInput, anAddUpdateInput } from '../../support/builders.js';

const config = aConfig();
const declaredAt = '2024-12-11T23:16:00.000Z';
const head = declareIncident(aDeclareInput({ impact: 'critical', title: 'Chat down' }), { incidentId: 'inc_1', updateId: 'upd_1' }, declaredAt, config).head;
const target = { kind: 'promise-due' as const, incidentId: 'inc_1', version: 1 };
const at = (iso: string) => new Date(iso);

describe('the timers of an incident', () => {
  it('set its promise under one name per incident, for the version that made it', () => {
    expect(timersOfHead(head)).toEqual([{ set: { name: 'promise-inc_1', dueAt: '2024-12-11T23:46:00.000Z', target } }]);
    const next = addUpdate(head, anAddUpdateInput(), 'upd_2', '2024-12-11T23:40:00.000Z', config).head;
    expect(timersOfHead(next)).toEqual([{ set: { name: 'promise-inc_1', dueAt: '2024-12-12T00:10:00.000Z', target: { ...target, version: 2 } } }]);
  });

  it('clear it once resolved or when nothing is promised', () => {
    const resolved = addUpdate(head, anAddUpdateInput({ status: 'resolved' }), 'upd_2', '2024-12-11T23:40:00.000Z', config).head;
    expect(timersOfHead(resolved)).toEqual([{ clear: 'promise-inc_1' }]);
    const silent = addUpdate(head, anAddUpdateInput({ nextUpdateInMinutes: null }), 'upd_2', '2024-12-11T23:40:00.000Z', config).head;
    expect(timersOfHead(silent)).toEqual([{ clear: 'promise-inc_1' }]);
  });

  it('have names EventBridge Scheduler accepts (at most 64 of letters, digits, - _ .)', () => {
    const [plan] = timersOfHead({ ...head, id: 'inc_01JF3Z0000000000000000000P' });
    expect(plan && 'set' in plan ? plan.set.name : '').toMatch(/^[0-9a-zA-Z\-_.]{1,64}$/);
  });

  it('carry a target that parses back strictly, and nothing else does', () => {
    expect(timerTargetSchema.parse(target)).toEqual(target);
    for (const bad of [null, {}, { ...target, kind: 'bomb' }, { ...target, version: 0 }, { ...target, extra: 1 }, { ...target, incidentId: '' }]) {
      expect(timerTargetSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('a fired promise timer', () => {
  it('reminds the commanders once the promise has passed on the version that made it', () => {
    const decision = promiseDue(head, target, at('2024-12-11T23:50:00.000Z'), config);
    expect(decision).toMatchObject({ remind: { incidentId: 'inc_1', version: 1, title: 'Chat down', nextUpdateBy: '2024-12-11T23:46:00.000Z', url: config.statusPageUrl } });
    expect('remind' in decision && decision.remind.text).toMatch(/promised an update on "Chat down" by 2024-12-11T23:46:00.000Z \(4 min ago\)/);
  });

  it('does nothing early, after an update, once resolved, without a promise, or for an unknown incident', () => {
    const late = at('2024-12-12T01:00:00.000Z');
    expect(promiseDue(head, target, at('2024-12-11T23:45:59.000Z'), config)).toEqual({ nothing: 'the promise has not passed yet' });
    expect(promiseDue({ ...head, version: 2 }, target, late, config)).toMatchObject({ nothing: expect.stringMatching(/an update came since/) });
    expect(promiseDue({ ...head, status: 'resolved' }, target, late, config)).toEqual({ nothing: 'the incident is resolved' });
    expect(promiseDue({ ...head, nextUpdateBy: null }, target, late, config)).toEqual({ nothing: 'the incident promises no update' });
    expect(promiseDue(undefined, target, late, config)).toEqual({ nothing: 'the incident does not exist' });
  });
});
