import { describe, expect, it } from 'vitest';
import type { TimerSchedule } from '../../../lambdas/core/ports/timer-schedule.js';
import { createFanOutHandler } from '../../../lambdas/handlers/fanout/create-fanout-handler.js';
import { CountingMetrics } from '../../../local/counting-metrics.js';
import { aConfig } from '../../support/builders.js';
import { memoryStores } from '../../support/memory/memory-stores.js';
import { MemoryTimers } from '../../support/memory/memory-timers.js';
import { RecordingLogger } from '../../support/memory/recording-logger.js';
import { aStreamEventOf } from '../../support/stream-events.js';
import { aFollowUp, anOpeningUpdate } from '../../support/timeline.js';

const config = aConfig();

function aFanOut(timers: TimerSchedule) {
  const stores = memoryStores();
  const topic = { publish: async () => ({ messageId: 'sns-1' }) };
  return createFanOutHandler({ config, ledger: stores.deliveries, topic, emailWork: { send: async () => {} }, timers, clock: () => new Date(), logger: new RecordingLogger(), metrics: new CountingMetrics() });
}

describe('the fan-out keeps the timers of each update it reads', () => {
  it('sets the promise for the new version, moves it with each update, and clears it on resolution', async () => {
    const timers = new MemoryTimers();
    const fanOut = aFanOut(timers);
    const opening = anOpeningUpdate(config, { impact: 'critical' });
    await fanOut(aStreamEventOf(opening));
    const name = `promise-${opening.incidentId}`;
    expect(timers.timers.get(name)).toEqual({ name, dueAt: opening.incident.nextUpdateBy, target: { kind: 'promise-due', incidentId: opening.incidentId, version: 1 } });
    // An update that notifies nobody is still an update: the promise moves with it.
    const quiet = aFollowUp(opening, config, { notify: false, nextUpdateInMinutes: 90 });
    await fanOut(aStreamEventOf(quiet));
    expect(timers.timers.get(name)).toMatchObject({ dueAt: quiet.incident.nextUpdateBy, target: { version: 2 } });
    await fanOut(aStreamEventOf(aFollowUp(quiet, config, { status: 'resolved' })));
    expect(timers.timers.has(name)).toBe(false);
  });

  it('reports the record as failed when the timer cannot be kept, so the stream retries it', async () => {
    const fanOut = aFanOut({ set: async () => Promise.reject(new Error('Scheduler throttled')), clear: async () => {} });
    const opening = anOpeningUpdate(config, { impact: 'critical' });
    const response = await fanOut(aStreamEventOf(opening));
    expect(response.batchItemFailures).toHaveLength(1);
  });
});

describe('the fan-out asks the timer engine for nothing it does not need', () => {
  it('clears no timer for a record’s first update, which can have none yet', async () => {
    const calls: string[] = [];
    const fanOut = aFanOut({ set: async (timer) => void calls.push(`set ${timer.name}`), clear: async (name) => void calls.push(`clear ${name}`) });
    const quiet = anOpeningUpdate(config, { impact: 'none' });
    await fanOut(aStreamEventOf(quiet));
    expect(calls).toEqual([]);
    await fanOut(aStreamEventOf(aFollowUp(quiet, config, { status: 'resolved' })));
    expect(calls).toEqual([`clear promise-${quiet.incidentId}`]);
  });
});
