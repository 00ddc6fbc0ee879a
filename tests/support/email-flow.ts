import type { Config } from '../../lambdas/core/config/config-schema.js';
import type { Notification } from '../../lambdas/core/delivery/build-notification.js';
import type { Change } from '../../lambdas/core/incident/lifecycle.js';
import type { DeliveryLedger } from '../../lambdas/core/ports/delivery-ledger.js';
import type { IncidentStore } from '../../lambdas/core/ports/incident-store.js';
import type { Logger } from '../../lambdas/core/ports/logger.js';
import type { Metrics } from '../../lambdas/core/ports/metrics.js';
import { createFanOutHandler } from '../../lambdas/handlers/fanout/create-fanout-handler.js';
import { aStreamEventOf } from './stream-events.js';
import { MemoryTimers } from './memory/memory-timers.js';

/**
 * Stores a change and fans its update out as the stream would, handing each published envelope
 * that names email to `publishEmail` (what the topic's email subscription does).
 */
export async function storeAndFanOut(
  change: Change,
  expectedVersion: number | null,
  deps: { config: Config; incidents: IncidentStore; deliveries: DeliveryLedger; clock: () => Date; logger: Logger; metrics: Metrics; publishEmail(envelope: object): void },
): Promise<void> {
  await deps.incidents.commit(change, expectedVersion);
  const topic = {
    publish: async (notification: Notification) => {
      if ((notification.attributes['channels'] as string[]).includes('email')) deps.publishEmail(notification.envelope);
      return { messageId: `sns-${notification.envelope.updateId}-${notification.envelope.locale}` };
    },
  };
  const result = await createFanOutHandler({ config: deps.config, ledger: deps.deliveries, topic, emailWork: { send: async () => {} }, timers: new MemoryTimers(), clock: deps.clock, logger: deps.logger, metrics: deps.metrics })(
    aStreamEventOf(change.update),
  );
  if (result.batchItemFailures.length > 0) throw new Error(`the fan-out failed for update ${change.update.id}`);
}
