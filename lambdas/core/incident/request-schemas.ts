import * as z from 'zod/mini';
import '../validation/english-issues.js';
import type { Config } from '../config/config-schema.js';
import { channelSchema, componentStatusSchema, impactSchema, incidentStatusSchema, openStatusSchema } from './vocabulary.js';
import { commanderText } from '../validation/commander-text.js';
import { promiseMinutes } from './next-update-promise.js';

const titleSchema = commanderText('one-line', 200);
const messageTextSchema = commanderText('multi-line', 5000);
const postmortemTextSchema = commanderText('multi-line', 20000);

/**
 * The request bodies of the contract. They depend on the configuration because the component ids and
 * locales a request may name are the configured ones; the OpenAPI document is generated from them.
 */
export function createRequestSchemas(config: Config) {
  const componentIds = config.components.map((component) => component.id) as [string, ...string[]];
  const localeSchema = z.enum(config.locales as [string, ...string[]]);

  /** One text for every locale, or one per configured locale holding the default one (the others fall back to it). */
  const localized = (text: typeof titleSchema, describe: { once: string; byLocale: string }) =>
    z.union([
      text.check(z.describe(describe.once)),
      z.partialRecord(localeSchema, text).check(
        z.refine((byLocale) => byLocale[config.defaultLocale] !== undefined, {
          message: `must hold the default locale "${config.defaultLocale}"`,
        }),
        z.describe(describe.byLocale),
      ),
    ]);
  const messageSchema = localized(messageTextSchema, {
    once: "The commander's words, used for every locale. Cleaned before it is checked: line breaks are kept as \\n (at most one blank line in a row); control, bidi-override and invisible characters are removed",
    byLocale: "The commander's words by locale; missing locales fall back to the default locale",
  });
  const localizedTitleSchema = localized(titleSchema, {
    once: 'One line, for every locale. Cleaned before it is checked: line breaks and tabs become spaces; control, bidi-override and invisible characters are removed; spaces are folded and trimmed',
    byLocale: 'The title by locale, each one line; missing locales fall back to the default locale',
  });

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

  const nextUpdateInMinutesSchema = z
    .nullable(z.number().check(z.int(), z.minimum(promiseMinutes.min), z.maximum(promiseMinutes.max)))
    .check(
      z.describe(
        `When customers hear next, in minutes from now (${promiseMinutes.min}–${promiseMinutes.max}); null for no promise. Omitted: the configured cadence for the impact (cadenceMinutes)`,
      ),
    );

  const scenarioIds = Object.keys(config.scenarios);
  const scenarioSchema = scenarioIds.length > 0
    ? z.enum(scenarioIds as [string, ...string[]])
    : z.string().check(z.refine(() => false, { message: 'names no scenario: the configuration has none (scenarios)' }));

  // With a scenario, what the body leaves out comes from it; without one, these three are required.
  const declareIncidentSchema = z
    .strictObject({
      scenario: z.optional(scenarioSchema.check(z.describe('A configured scenario (GET /v1/scenarios) to take title, impact, message and components from, for whatever the body leaves out'))),
      title: z.optional(localizedTitleSchema),
      impact: z.optional(impactSchema),
      status: z._default(openStatusSchema, 'investigating'),
      message: z.optional(messageSchema),
      components: z.optional(componentChangesSchema),
      notify: z._default(z.boolean(), true),
      channels: z.optional(channelsSchema),
      nextUpdateInMinutes: z.optional(nextUpdateInMinutesSchema),
    })
    .check(
      z.superRefine((body, ctx) => {
        if (body.scenario !== undefined) return;
        for (const field of ['title', 'impact', 'message'] as const) {
          if (body[field] === undefined) ctx.issues.push({ code: 'custom', path: [field], message: 'is required unless the body names a scenario', input: body });
        }
      }),
    );

  const addUpdateSchema = z
    .strictObject({
      status: incidentStatusSchema,
      message: messageSchema,
      impact: z.optional(impactSchema),
      components: z.optional(componentChangesSchema),
      notify: z._default(z.boolean(), true),
      channels: z.optional(channelsSchema),
      nextUpdateInMinutes: z.optional(nextUpdateInMinutesSchema),
    })
    .check(
      z.refine((body) => body.status !== 'resolved' || body.nextUpdateInMinutes === undefined || body.nextUpdateInMinutes === null, {
        path: ['nextUpdateInMinutes'],
        message: 'promises an update after resolution; a resolved incident has no next update',
      }),
    );

  const postmortemSchema = localized(postmortemTextSchema, {
    once: "The postmortem, used for every locale: what happened, why, and what changes. Cleaned like an update's message: line breaks are kept as \\n (at most one blank line in a row); control, bidi-override and invisible characters are removed",
    byLocale: 'The postmortem by locale; missing locales fall back to the default locale',
  });

  // No default for notify: whether it sends depends on whether this is the first publication.
  const publishPostmortemSchema = z.strictObject({
    body: postmortemSchema,
    notify: z.optional(z.boolean().check(z.describe('Send the postmortem (email, in-app, X); default true on the first publication, false on a revision'))),
  });

  const postmortemPreviewSchema = z
    .strictObject({ postmortem: postmortemSchema })
    .check(z.describe('A postmortem to preview: what PUT /v1/incidents/{id}/postmortem takes as "body"'));

  /**
   * The preview takes what a commander is about to send: an update (the body of POST …/updates), or
   * a postmortem (`{ "postmortem": … }`, the `body` of PUT …/postmortem). An object either has the
   * key `postmortem` or it does not, so the two never overlap, and the errors are those of the shape
   * the body is written in (describeIssues).
   */
  const previewSchema = z.union([addUpdateSchema, postmortemPreviewSchema]);

  // The pieces a maintenance window's bodies are made of too (maintenance-request-schemas.ts).
  const parts = { localizedTitleSchema, messageSchema, channelsSchema, componentIds };

  return { declareIncidentSchema, addUpdateSchema, publishPostmortemSchema, previewSchema, parts };
}

export type RequestSchemas = ReturnType<typeof createRequestSchemas>;
/** A declaration as the body gives it: title, impact and message may come from its scenario. */
export type DeclareIncidentBody = z.output<RequestSchemas['declareIncidentSchema']>;
/** A declaration with its scenario applied: what declaring an incident takes. */
export type DeclareIncidentInput = Omit<DeclareIncidentBody, 'scenario' | 'title' | 'impact' | 'message'> &
  Required<Pick<DeclareIncidentBody, 'title' | 'impact' | 'message'>>;
export type AddUpdateInput = z.output<RequestSchemas['addUpdateSchema']>;
export type ComponentChange = NonNullable<AddUpdateInput['components']>[number];
export type PublishPostmortemInput = z.output<RequestSchemas['publishPostmortemSchema']>;
export type PreviewInput = z.output<RequestSchemas['previewSchema']>;
