import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../lambdas/core/incident/lifecycle.js';
import { scheduleMaintenance } from '../../lambdas/core/maintenance/maintenance-lifecycle.js';
import { createMaintenanceRequestSchemas } from '../../lambdas/core/maintenance/maintenance-request-schemas.js';
import { timersOfHead } from '../../lambdas/core/timers/timers-of-head.js';
import type { Timer } from '../../lambdas/core/timers/timer-target.js';
import { createTimerHandler } from '../../lambdas/handlers/timers/create-timer-handler.js';
import { CountingMetrics } from '../../local/counting-metrics.js';
import { aConfig } from '../support/builders.js';
import { memoryStores } from '../support/memory/memory-stores.js';
import { RecordingLogger } from '../support/memory/recording-logger.js';

// Timers as a real engine delivers them at their worst: each one several times at once, late, after
// the window moved on, with the store failing some writes so the engine retries. Whatever the storm,
// a window's timeline holds each message exactly once, in order.

const config = aConfig();
const { scheduleMaintenanceSchema } = createMaintenanceRequestSchemas(config);
const start = Date.parse('2031-05-05T01:00:00.000Z');

describe('a storm of maintenance timers', () => {
  it('sends the reminder, the start and the completion exactly once each, in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ copies: fc.integer({ min: 1, max: 5 }), failEvery: fc.integer({ min: 2, max: 6 }), staleCopies: fc.integer({ min: 0, max: 3 }), seed: fc.integer() }),
        async ({ copies, failEvery, staleCopies, seed }) => {
          const stores = memoryStores();
          const window = scheduleMaintenance(
            scheduleMaintenanceSchema.parse({ title: 'Upgrade', message: 'Work.', components: ['chat'], scheduledFor: new Date(start + 120 * 60_000).toISOString(), scheduledUntil: new Date(start + 180 * 60_000).toISOString() }),
            { maintenanceId: 'mnt_storm', updateId: 'upd_1' },
            new Date(start).toISOString(),
            config,
          );
          await stores.incidents.commit(window, null);
          let writes = 0;
          let updates = 1;
          const flaky = {
            getHead: stores.incidents.getHead.bind(stores.incidents),
            commit: async (change: Change, expected: number | null) => {
              if (++writes % failEvery === 0) throw new Error('DynamoDB throttled the write');
              return stores.incidents.commit(change, expected);
            },
          };
          const handler = createTimerHandler({
            config,
            incidents: flaky,
            reminders: stores.promiseReminders,
            alerts: { remind: async () => {} },
            ids: { updateId: () => `upd_${++updates}_${seed}` },
            // Every timer fires late: the window's whole span has passed.
            clock: () => new Date(start + 240 * 60_000),
            logger: new RecordingLogger(),
            metrics: new CountingMetrics(),
          });
          const fired: Timer[] = [];
          for (let round = 0; round < 20; round++) {
            const head = (await stores.incidents.getHead('mnt_storm'))!;
            const due = timersOfHead(head).flatMap((plan) => ('set' in plan ? [plan.set] : []));
            if (due.length === 0) break;
            // Each due timer several times at once, with copies of timers already fired for older versions.
            const storm = [...due.flatMap((timer) => Array.from({ length: copies }, () => timer)), ...fired.slice(-staleCopies)];
            const outcomes = await Promise.allSettled(storm.map((timer) => handler(timer.target)));
            // A failed invocation is retried by the engine until it succeeds.
            for (const [index, outcome] of outcomes.entries()) {
              if (outcome.status === 'rejected') {
                for (let attempt = 0; attempt < 10; attempt++) {
                  try {
                    await handler(storm[index]!.target);
                    break;
                  } catch {
                    // tried again
                  }
                }
              }
            }
            fired.push(...due);
          }
          const kinds = (await stores.incidents.getIncident('mnt_storm'))!.updates.map((update) => update.kind);
          expect(kinds).toEqual(['maintenance_scheduled', 'maintenance_reminder', 'maintenance_started', 'maintenance_completed']);
        },
      ),
      { numRuns: 60 },
    );
  });
});
