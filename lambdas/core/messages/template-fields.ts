import type { Channel } from '../incident/vocabulary.js';

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
} as const satisfies Record<Channel, readonly string[]>;

export type TemplateField<C extends Channel> = (typeof templateFields)[C][number];

/** One full set of texts for a kind: what a locale catalog ships and an operator may override field by field. */
export type ChannelTexts = { [C in Channel]: { [F in TemplateField<C>]: string } };
