import * as z from 'zod/mini';
import '../validation/english-issues.js';
import type { Config } from '../config/config-schema.js';
import { channelSchema, componentStatusSchema, impactSchema, incidentStatusSchema, openStatusSchema } from './vocabulary.js';
import { commanderText } from '../validation/commander-text.js';

const titleSchema = commanderText('one-line', 200).check(
  z.describe('One line, for every locale. Cleaned before it is checked: line breaks and tabs become spaces; control, bidi-override and invisible characters are removed; spaces are folded and trimmed'),
);
const messageTextSchema = commanderText('multi-line', 5000);

/**
 * The request bodies of the contract. They depend on the configuration because the component ids and
 * locales a request may name are the configured ones; the OpenAPI document is generated from them.
 */
export function createRequestSchemas(config: Config) {
  const componentIds = config.components.map((component) => component.id) as [string, ...string[]];
  const localeSchema = z.enum(config.locales as [string, ...string[]]);

  const messageSchema = z.union([
    messageTextSchema.check(
      z.describe("The commander's words, used for every locale. Cleaned before it is checked: line breaks are kept as \\n (at most one blank line in a row); control, bidi-override and invisible characters are removed"),
    ),
    z.partialRecord(localeSchema, messageTextSchema).check(
      z.refine((byLocale) => byLocale[config.defaultLocale] !== undefined, {
        message: `must hold the default locale "${config.defaultLocale}"`,
      }),
      z.describe('The commander\'s words by locale; missing locales fall back to the default locale'),
    ),
  ]);

  const componentChangesSchema = z
    .array(z.strictObject({ id: z.enum(componentIds), status: componentStatusSchema }))
    .check(
      z.maxLength(componentIds.length),
      z.refine((changes) => new Set(changes.map((change) => change.id)).size === changes.length, {
        message: 'names a component twice',
      }),
    );

  const channelsSchema = z
    .array(channelSchema)
    .check(
      z.minLength(1),
      z.maxLength(channelSchema.options.length),
      z.refine((list) => new Set(list).size === list.length, { message: 'names a channel twice' }),
    );

  const declareIncidentSchema = z
    .strictObject({
      title: titleSchema,
      impact: impactSchema,
      status: z._default(openStatusSchema, 'investigating'),
      message: messageSchema,
      components: z.optional(componentChangesSchema),
      notify: z._default(z.boolean(), true),
      channels: z.optional(channelsSchema),
    });

  const addUpdateSchema = z
    .strictObject({
      status: incidentStatusSchema,
      message: messageSchema,
      impact: z.optional(impactSchema),
      components: z.optional(componentChangesSchema),
      notify: z._default(z.boolean(), true),
      channels: z.optional(channelsSchema),
    });

  return { declareIncidentSchema, addUpdateSchema };
}

export type RequestSchemas = ReturnType<typeof createRequestSchemas>;
export type DeclareIncidentInput = z.output<RequestSchemas['declareIncidentSchema']>;
export type AddUpdateInput = z.output<RequestSchemas['addUpdateSchema']>;
export type ComponentChange = NonNullable<AddUpdateInput['components']>[number];
