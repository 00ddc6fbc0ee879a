import type { Clock } from '../../adapters/clock.js';
import type { DeliveryLedger } from '../../adapters/dynamo/delivery-ledger.js';
import type { MessageVisibility } from '../../adapters/sqs/message-visibility.js';
import type { XPoster } from '../../adapters/x/x-poster.js';

/** What the X channel logs through: Powertools' Logger deployed, anything with these three locally. */
export interface XChannelLogger {
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

export interface XChannelDependencies {
  ledger: DeliveryLedger;
  /** SecretXPoster deployed, OutboxXPoster locally, a stand-in in tests. */
  poster: XPoster;
  visibility: MessageVisibility;
  clock: Clock;
  /** Defaults to a Powertools Logger. */
  logger?: XChannelLogger;
  /** Waits between in-process retries of a transient failure; tests pass one that returns at once. */
  sleep?: (milliseconds: number) => Promise<void>;
  /** Pauses before each in-process retry of a transient failure; default [200, 400] (three attempts). */
  retryDelaysMs?: readonly number[];
  /** The queue's maxReceiveCount; on the last receive the handler stops waiting for a thread. Default: core's `maxReceiveCount`. */
  maxReceiveCount?: number;
}
