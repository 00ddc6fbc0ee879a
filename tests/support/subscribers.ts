import type { IdSource } from '../../lambdas/core/ports/id-source.js';
import type { Subscriber } from '../../lambdas/core/subscribers/subscriber.js';

/**
 * Ids that count up (`sub_1`, `mrq_1`, …), so a test can name what a decision will create.
 *
 * @example
 * const ids = countingIds(); ids.subscriberId(); // 'sub_1'
 */
export function countingIds(): IdSource {
  const counts = { inc: 0, mnt: 0, upd: 0, sub: 0, mrq: 0, rdr: 0 };
  return {
    incidentId: () => `inc_${++counts.inc}`,
    maintenanceId: () => `mnt_${++counts.mnt}`,
    updateId: () => `upd_${++counts.upd}`,
    subscriberId: () => `sub_${++counts.sub}`,
    mailRequestId: () => `mrq_${++counts.mrq}`,
    redriveId: () => `rdr_${++counts.rdr}`,
  webhookId: () => 'whk_01JFTEST000000000000000000',
  };
}

/** A subscriber as the store keeps it; pending, English, every component, unless told otherwise. */
export function aStoredSubscriber(overrides: Partial<Subscriber> = {}): Subscriber {
  return {
    id: 'sub_ana',
    email: 'ana@example.com',
    locale: 'en',
    components: [],
    timeZone: 'UTC',
    state: 'pending',
    createdAt: '2024-12-12T07:00:00.000Z',
    confirmationRequestedAt: '2024-12-12T07:00:00.000Z',
    tokenGeneration: 0,
    version: 1,
    ...overrides,
  };
}

let listed = 0;

/** A subscriber with an id and an address of its own: confirmed, English, every component, unless told otherwise. */
export function aSubscriber(overrides: Partial<Subscriber> = {}): Subscriber {
  listed++;
  return {
    id: `sub_01JF3Z${String(listed).padStart(20, '0')}`,
    email: `reader${listed}@example.com`,
    locale: 'en',
    components: [],
    timeZone: 'UTC',
    state: 'confirmed',
    createdAt: '2024-12-01T00:00:00.000Z',
    confirmedAt: '2024-12-01T00:05:00.000Z',
    tokenGeneration: 0,
    version: 1,
    ...overrides,
  };
}
