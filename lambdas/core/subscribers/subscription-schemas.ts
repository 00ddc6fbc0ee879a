import * as z from 'zod/mini';
import { pageLimit } from '../api/page-limit.js';
import '../validation/english-issues.js';
import type { Config } from '../config/config-schema.js';
import { subscriberStateSchema } from '../incident/vocabulary.js';
import { subscriberSchema } from './subscriber.js';
import { isKnownTimeZone } from '../validation/is-known-time-zone.js';

/** RFC 5321 caps a forward path at 256 octets, so an address at 254. */
const emailSchema = z.email().check(z.maxLength(254));
const timeZoneSchema = z.string().check(z.maxLength(64), z.refine(isKnownTimeZone, { message: 'must be an IANA time zone such as "Asia/Jakarta"' }));
/** Tokens are a few dozen characters; anything longer was never ours. */
const tokenSchema = z.string().check(z.minLength(1), z.maxLength(200));

/**
 * The subscription routes' bodies and queries, for one configuration (the locales and component ids
 * a subscriber may choose are the configured ones).
 *
 * @example
 * createSubscriptionSchemas(config).subscribe.parse({ email: 'ana@example.com', locale: 'id' });
 */
export function createSubscriptionSchemas(config: Config) {
  const componentIds = config.components.map((component) => component.id) as [string, ...string[]];
  const locale = z.enum(config.locales as [string, ...string[]]);
  const components = z
    .array(z.enum(componentIds))
    .check(z.maxLength(componentIds.length), z.refine((list) => new Set(list).size === list.length, { message: 'names a component twice' }));
  const preferences = { locale: z.optional(locale), components: z.optional(components), timeZone: z.optional(timeZoneSchema) };

  const subscribe = z.strictObject({ email: emailSchema, ...preferences });
  return {
    subscribe,
    updatePreferences: z
      .strictObject(preferences)
      .check(z.refine((change) => Object.values(change).some((value) => value !== undefined), { message: 'names nothing to change: send locale, components or timeZone' })),
    importSubscribers: z.strictObject({
      // Each entry is checked on its own, so one bad address is reported without refusing the rest.
      subscribers: z.array(z.unknown()).check(z.minLength(1), z.maxLength(1000)),
      confirmed: z.boolean(),
    }),
    importedSubscriber: subscribe,
    token: z.strictObject({ token: tokenSchema }),
    listSubscribers: z.strictObject({
      state: z.optional(subscriberStateSchema),
      limit: pageLimit(1000, 100),
      cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))),
    }),
  };
}

export type SubscriptionSchemas = ReturnType<typeof createSubscriptionSchemas>;
export type SubscribeInput = z.output<SubscriptionSchemas['subscribe']>;
export type PreferencesChange = z.output<SubscriptionSchemas['updatePreferences']>;

/** `202` to every subscribe request, whoever is on the list. */
export const subscriptionAcceptedSchema = z.object({ status: z.literal('pending-confirmation') });

export const confirmationAnswerSchema = z.object({ status: z.literal('confirmed') });

export const unsubscribedAnswerSchema = z.object({ status: z.literal('unsubscribed') });

/** What a preferences link shows: the address masked, so a forwarded link leaks little. */
export const preferencesAnswerSchema = z.pick(subscriberSchema, { email: true, locale: true, components: true, timeZone: true, state: true });

/** A row of the commander's export: the subscriber without its internals (token generation, version). */
export const subscriberAnswerSchema = z.pick(subscriberSchema, {
  id: true,
  email: true,
  locale: true,
  components: true,
  timeZone: true,
  state: true,
  createdAt: true,
  confirmedAt: true,
  reason: true,
});

export const subscriberListSchema = z.object({ items: z.array(subscriberAnswerSchema), nextCursor: z.nullable(z.string()) });

export const importResultSchema = z.object({
  imported: z.number().check(z.int(), z.nonnegative()),
  unchanged: z.number().check(z.int(), z.nonnegative()),
  invalid: z.array(z.object({ index: z.number().check(z.int(), z.nonnegative()), message: z.string() })),
});

export type PreferencesAnswer = z.infer<typeof preferencesAnswerSchema>;
export type SubscriberAnswer = z.infer<typeof subscriberAnswerSchema>;
export type ImportResult = z.infer<typeof importResultSchema>;
