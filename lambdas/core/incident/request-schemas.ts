import * as z from 'zod/mini';
import '../validation/english-issues.js';
import type { Config } from '../config/config-schema.js';
import { channelSchema, componentStatusSchema, impactSchema, incidentStatusSchema, openStatusSchema } from './vocabulary.js';
import { codePointString } from '../validation/code-point-string.js';

const messageTextSchema = codePointString(1, 5000);

/**
 * The request bodies of the contract. They depend on the configuration because the component ids and
 * locales a request may name are the configured ones; the OpenAPI document is generated from them.
 */
export function createRequestSchemas(config: Config) {
  const componentIds = config.components.map((component) => component.id) as [string, ...string[]];
  const localeSchema = z.enum(config.locales as [string, ...string[]]);

  const messageSchema = z.union([
    messageTextSchema.check(z.describe("The commander's words, used for every locale")),
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
      title: codePointString(1, 200),
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
