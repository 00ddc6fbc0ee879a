import type { SubscriberState } from '../incident/vocabulary.js';
import type { MailRequest } from '../subscribers/mail-request.js';
import type { Subscriber } from '../subscribers/subscriber.js';

export interface SubscriberPage {
  subscribers: Subscriber[];
  nextCursor: string | null;
}

/**
 * The subscriber list. An address is on it once (`create` refuses a taken address); every change
 * is conditional on the version it was computed from; a mail request rides in the same write as the
 * change that asks for it. Confirmed subscribers are kept in an audience index by locale and shard
 * (`shardOf`), which is what the email planner reads.
 *
 * @example
 * if (!(await subscribers.save({ ...found, state: 'confirmed', version: found.version + 1 }, found.version))) retry();
 */
export interface SubscriberStore {
  /** By normalized address. */
  findByEmail(email: string): Promise<Subscriber | undefined>;
  get(id: string): Promise<Subscriber | undefined>;
  /** Those of `ids` that exist, in any order. */
  getMany(ids: readonly string[]): Promise<Subscriber[]>;
  /** Adds a subscriber (and its mail request); false when the address is already on the list. */
  create(subscriber: Subscriber, mail?: MailRequest): Promise<boolean>;
  /** Replaces a subscriber still at `expectedVersion` (and writes its mail request); false when it moved on. */
  save(subscriber: Subscriber, expectedVersion: number, mail?: MailRequest): Promise<boolean>;
  /** The list newest first, optionally of one state; a foreign cursor throws `InvalidCursor`. */
  list(options: { state?: SubscriberState; limit: number; cursor?: string }): Promise<SubscriberPage>;
  /** One page of the confirmed subscribers of `locale` in `shard`. */
  audiencePage(locale: string, shard: number, options: { limit: number; cursor?: string }): Promise<SubscriberPage>;
}
