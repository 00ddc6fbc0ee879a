import type { Channel } from '../incident/vocabulary.js';

/**
 * The channels with texts of their own. Webhook and chat subscribers read the in-app texts: a chat
 * card is the in-app card, and an operator who rewords one rewords both.
 */
export type TemplatedChannel = Exclude<Channel, 'webhook'>;

/**
 * The fields a template can set, per channel. The built-in catalogs fill every one of them.
 *
 * @example
 * templateFields.email; // ['subject', 'body']
 */
export const templateFields = {
  email: ['subject', 'body'],
  x: ['text'],
  inapp: ['title', 'text'],
} as const satisfies Record<TemplatedChannel, readonly string[]>;

export type TemplateField<C extends TemplatedChannel> = (typeof templateFields)[C][number];

/** One full set of texts for a kind: what a locale catalog ships and an operator may override field by field. */
export type ChannelTexts = { [C in TemplatedChannel]: { [F in TemplateField<C>]: string } };
