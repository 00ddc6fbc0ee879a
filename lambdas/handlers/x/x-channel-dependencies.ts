import type { Clock } from '../../core/ports/clock.js';
import type { DeliveryLedger } from '../../core/ports/delivery-ledger.js';
import type { Logger } from '../../core/ports/logger.js';
import type { MessageVisibility } from '../../core/ports/message-visibility.js';
import type { Metrics } from '../../core/ports/metrics.js';
import type { XPoster } from '../../core/ports/x-poster.js';

export interface XChannelDependencies {
  ledger: DeliveryLedger;
  /** The X API with the secret's credentials deployed, the outbox locally, a stand-in in tests. */
  poster: XPoster;
  visibility: MessageVisibility;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** Waits between in-process retries of a transient failure; tests pass one that returns at once. */
  sleep?: (milliseconds: number) => Promise<void>;
  /** Pauses before each in-process retry of a transient failure; default [200, 400] (three attempts). */
  retryDelaysMs?: readonly number[];
}
