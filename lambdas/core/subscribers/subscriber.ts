import * as z from 'zod/mini';
import '../validation/english-issues.js';
import { subscriberStateSchema } from '../incident/vocabulary.js';

const timestamp = z.iso.datetime();

/**
 * One address on the subscriber list, as the store keeps it. `email` is stored normalized
 * (`normalizeAddress`); `tokenGeneration` is part of every token issued for the subscriber, so
 * raising it revokes them all; `version` guards every change (a change computed from a stale read
 * is refused).
 */
export const subscriberSchema = z.object({
  id: z.string(),
  email: z.string(),
  locale: z.string(),
  /** Empty: every component. */
  components: z.array(z.string()),
  timeZone: z.string(),
  state: subscriberStateSchema,
  createdAt: timestamp,
  confirmedAt: z.optional(timestamp),
  unsubscribedAt: z.optional(timestamp),
  suppressedAt: z.optional(timestamp),
  /** Why the address is suppressed or unsubscribed: `bounced`, `complained`, `one-click`, `imported`, … */
  reason: z.optional(z.string()),
  /** When a confirmation mail was last asked for (the resend window counts from here). */
  confirmationRequestedAt: z.optional(timestamp),
  /** When a "you are already subscribed" mail was last asked for. */
  preferencesMailRequestedAt: z.optional(timestamp),
  tokenGeneration: z.number().check(z.int(), z.nonnegative()),
  version: z.number().check(z.int(), z.positive()),
});

export type Subscriber = z.infer<typeof subscriberSchema>;

/**
 * How many shards the confirmed audience of a locale is spread over: the planner reads them side by
 * side, so a million subscribers of one locale is parallel work on many partitions, never one hot
 * partition. Eight is plenty: one partition of the index reads some 75,000 subscribers a second and
 * takes 1,000 confirmations a second, far beyond any SES sending quota, and every update pays one
 * query per shard and locale to begin its email delivery. Part of the data layout: changing it needs
 * the index rebuilt.
 */
export const subscriberShardCount = 8;

/**
 * The shard of a subscriber, from its id (FNV-1a: stable, cheap, spread evenly by ULIDs' random part).
 *
 * @example
 * shardOf('sub_01JF3Z8Q4W6X2N5R7T9V1B3C5D'); // 0…7
 */
export function shardOf(subscriberId: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < subscriberId.length; index++) {
    hash ^= subscriberId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % subscriberShardCount;
}
