import { describe, expect, it } from 'vitest';
import { addUpdate, declareIncident } from '../../../lambdas/core/incident/lifecycle.js';
import type { CommanderReminder } from '../../../lambdas/core/ports/commander-alerts.js';
import { createTimerHandler } from '../../../lambdas/handlers/timers/create-timer-handler.js';
import { reminderClaimLeaseMs } from '../../../lambdas/handlers/timers/remind-of-promise.js';
import { CountingMetrics } from '../../../local/counting-metrics.js';
import { aConfig, aDeclareInput, anAddUpdateInput } from '../../support/builders.js';
import { memoryStores } from '../../support/memory/memory-stores.js';
import { RecordingLogger } from '../../support/memory/recording-logger.js';

const config = aConfig();
const declaredAt = '2024-12-11T23:16:00.000Z';
const promisedBy = Date.parse('2024-12-11T23:46:00.000Z');

async function aFiringTimer(options: { alertFails?: number } = {}) {
  const stores = memoryStores();
  const change = declareIncident(aDeclareInput({ impact: 'critical' }), { incidentId: 'inc_1', updateId: 'upd_1' }, declaredAt, config);
  await stores.incidents.commit(change, null);
  const reminded: CommanderReminder[] = [];
  let failures = options.alertFails ?? 0;
  let now = promisedBy + 60_000;
  const logger = new RecordingLogger();
  const metrics = new CountingMetrics();
  const handler = createTimerHandler({
    config,
    incidents: stores.incidents,
    reminders: stores.promiseReminders,
    alerts: {
      remind: async (reminder) => {
        if (failures-- > 0) throw new Error('SNS is unavailable');
        reminded.push(reminder);
      },
    },
    ids: { updateId: () => 'upd_timer' },
    clock: () => new Date(now),
    logger,
    metrics,
  });
  return { stores, handler, reminded, logger, metrics, target: { kind: 'promise-due', incidentId: 'inc_1', version: 1 }, advance: (ms: number) => (now += ms) };
}

describe('the timer function', () => {
  it('reminds the commanders of a missed promise once, however often the timer fires, and marks the incident overdue', async () => {
    const { stores, handler, reminded, metrics, target } = await aFiringTimer();
    await Promise.all([handler(target), handler(target), handler(target)]);
    await handler(target);
    expect(reminded).toHaveLength(1);
    expect(reminded[0]).toMatchObject({ incidentId: 'inc_1', version: 1, nextUpdateBy: '2024-12-11T23:46:00.000Z' });
    expect((await stores.incidents.getHead('inc_1'))?.overdue).toBe(true);
    expect(metrics.total('PromisesMissed')).toBe(1);
  });

  it('sends nothing for a promise an update replaced, or a resolved incident', async () => {
    const { stores, handler, reminded, target } = await aFiringTimer();
    const head = (await stores.incidents.getHead('inc_1'))!;
    await stores.incidents.commit(addUpdate(head, anAddUpdateInput(), 'upd_2', '2024-12-11T23:40:00.000Z', config), 1);
    await handler(target);
    expect(reminded).toEqual([]);
    expect((await stores.incidents.getHead('inc_1'))?.overdue).toBeUndefined();
  });

  it('throws when the reminder cannot be sent, so the invocation is retried, and the retry after the lease reminds', async () => {
    const { handler, reminded, target, advance } = await aFiringTimer({ alertFails: 1 });
    await expect(handler(target)).rejects.toThrow('SNS is unavailable');
    // Lambda retries within a minute or two: the claim is still held by the run that failed.
    await handler(target);
    expect(reminded).toEqual([]);
    advance(reminderClaimLeaseMs + 1000);
    await handler(target);
    await handler(target);
    expect(reminded).toHaveLength(1);
  });

  it('drops a target it cannot read, saying so, instead of failing into retries', async () => {
    const { handler, reminded, logger } = await aFiringTimer();
    await handler({ kind: 'self-destruct', incidentId: 'inc_1', version: 1 });
    await handler('not even an object');
    expect(reminded).toEqual([]);
    expect(logger.lines.filter((line) => line.level === 'error' && /target this version does not know/.test(line.message))).toHaveLength(2);
  });
});
