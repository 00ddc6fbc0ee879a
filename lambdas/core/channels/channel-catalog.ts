import type { Config } from '../config/config-schema.js';
import type { TimelineUpdate } from '../incident/model.js';
import type { Channel, Impact, MessageKind } from '../incident/vocabulary.js';
import { impactSchema, messageKindSchema } from '../incident/vocabulary.js';
import { renderEmail } from '../messages/render-email.js';
import { renderInApp } from '../messages/render-inapp.js';
import { renderWebhook } from '../messages/render-webhook.js';
import { renderXPost } from '../messages/render-x-post.js';
import type { RenderContext, RenderedMessage } from '../messages/types.js';

/** An SNS subscription filter policy on message attributes (the `MessageAttributes` scope). */
export type FilterPolicy = Record<string, string[]>;

/**
 * One channel: every channel is an SQS queue subscribed to the notification topic with the filter
 * policy below, drained by the channel's own workers (the stack and the local router both build
 * them from this catalog).
 */
export interface ChannelDeclaration {
  name: Channel;
  /** Which updates the channel takes, beyond being named in the update's `channels`. */
  kinds: readonly MessageKind[];
  impacts: readonly Impact[];
  enabled(config: Config): boolean;
  /** The locales the channel sends in; one delivery row per update and locale. */
  locales(config: Config): string[];
  /** The subscription filter policy: the deployed stack and the local router both read this. */
  filterPolicy(config: Config): FilterPolicy;
  /** Messages per invocation of the channel's consumer, deployed (the event source) and locally. */
  batchSize: number;
  /**
   * The consumer's Lambda timeout in seconds. Its queue's visibility timeout, how long a failed
   * message waits for its next receive, is `visibilityTimeoutPerConsumerTimeout` times this, deployed
   * and locally alike.
   */
  consumerTimeoutSeconds: number;
  /**
   * Consumers at once at most, deployed (the event source's `maxConcurrency`; 2 is the lowest SQS
   * allows) and locally. Absent: as many as the queue's message groups keep busy.
   */
  maxConcurrency?: number;
  render(context: RenderContext): RenderedMessage;
}

const everyKind = messageKindSchema.options;
const everyImpact = impactSchema.options;

export const channelCatalog: Record<Channel, ChannelDeclaration> = {
  email: {
    name: 'email',
    kinds: everyKind,
    impacts: everyImpact,
    enabled: (config) => config.channels.email.enabled,
    locales: (config) => [...config.locales],
    filterPolicy: () => ({ channels: ['email'] }),
    batchSize: 10,
    // The planner: a page is one Query of at most 500 subscribers, one conditional write and a few SendMessageBatch calls.
    consumerTimeoutSeconds: 60,
    render: renderEmail,
  },
  x: {
    name: 'x',
    kinds: everyKind,
    impacts: everyImpact,
    enabled: (config) => config.channels.x.enabled,
    locales: xLocales,
    // Only the X locales reach the queue, so a post in another language is never even delivered to it.
    filterPolicy: (config) => ({ channels: ['x'], locale: xLocales(config) }),
    // Posts go out one after the other: a small batch keeps one slow answer from delaying many.
    batchSize: 5,
    // The X API answers within seconds; a slower call is retried from the queue rather than waited for.
    consumerTimeoutSeconds: 30,
    // X rate-limits posting per account: two pollers at most keep a surge from turning into 429s.
    maxConcurrency: 2,
    render: renderXPost,
  },
  inapp: {
    name: 'inapp',
    kinds: everyKind,
    impacts: everyImpact,
    enabled: (config) => config.channels.inapp.enabled,
    locales: (config) => [...config.locales],
    filterPolicy: () => ({ channels: ['inapp'] }),
    batchSize: 10,
    consumerTimeoutSeconds: 15,
    render: renderInApp,
  },
  webhook: {
    name: 'webhook',
    kinds: everyKind,
    impacts: everyImpact,
    enabled: (config) => config.channels.webhook.enabled,
    // Subscribers choose their locale, as email subscribers do: a row per locale counts its recipients.
    locales: (config) => [...config.locales],
    filterPolicy: () => ({ channels: ['webhook'] }),
    batchSize: 10,
    // The planner: one Query of the webhook list and a conditional write per planned subscriber.
    consumerTimeoutSeconds: 60,
    render: renderWebhook,
  },
};

/** The channels this deployment sends on (the configuration may switch any of them off). */
export function enabledChannels(config: Config): Channel[] {
  return Object.values(channelCatalog)
    .filter((channel) => channel.enabled(config))
    .map((channel) => channel.name);
}

/** Every channel, each consumed from its own queue; the stack builds one queue for each. */
export const queuedChannels: readonly ChannelDeclaration[] = Object.values(channelCatalog);

function xLocales(config: Config): string[] {
  return [...(config.channels.x.locales ?? [config.defaultLocale])];
}

/** A channel named by the update that the deployment has switched off or that does not take this update. */
export function channelTakes(channel: ChannelDeclaration, update: Pick<TimelineUpdate, 'kind' | 'impact'>): boolean {
  return channel.kinds.includes(update.kind) && channel.impacts.includes(update.impact);
}

/**
 * Every message an update sends: each channel it names, in each locale that channel sends in. Email
 * is rendered as for a reader of the locale with no time zone or links of their own (the locale's
 * configured zone, footer links with the token `preview`): what a preview shows. The email workers
 * call `render` per recipient with the reader's `timeZone` and `links`.
 */
export function renderUpdate(update: TimelineUpdate, config: Config): RenderedMessage[] {
  return update.channels.flatMap((name) => {
    const channel = channelCatalog[name];
    if (!channel.enabled(config) || !channelTakes(channel, update)) return [];
    return channel.locales(config).map((locale) => channel.render({ update, locale, config }));
  });
}
