import { z } from 'zod';
import { templatesSchema } from '../messages/templates-schema.js';
import { validateTemplates } from '../messages/validate-templates.js';

/** BCP 47 language tag as the configuration and the API accept it (`en`, `id`, `pt-BR`). */
export const localeTagSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as "en" or "pt-BR"');

export const componentIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'must be lower-case letters, digits, "-" or "_", starting with a letter, at most 40 characters');

const timeZoneSchema = z.string().refine(isKnownTimeZone, {
  message: 'must be an IANA time zone such as "UTC" or "Asia/Jakarta"',
});

const channelSwitchSchema = z.strictObject({ enabled: z.boolean().default(true) });

/**
 * The one configuration file, `incident-comms.config.json`: read by the CDK app at synth and by the
 * local runtime at start, so a bad value fails there and never at send time.
 */
export const configSchema = z
  .strictObject({
    $schema: z.string().optional(),
    serviceName: z.string().trim().min(1).max(60),
    statusPageUrl: z.url({ protocol: /^https?$/ }).max(200),
    locales: z.array(localeTagSchema).min(1).max(20).default(['en', 'id']),
    defaultLocale: localeTagSchema.default('en'),
    timeZones: z.record(localeTagSchema, timeZoneSchema).default({}),
    components: z
      .array(z.strictObject({ id: componentIdSchema, name: z.string().trim().min(1).max(60) }))
      .min(1)
      .max(100),
    channels: z
      .strictObject({
        email: channelSwitchSchema.default({ enabled: true }),
        x: channelSwitchSchema.extend({ locales: z.array(localeTagSchema).min(1).optional() }).default({ enabled: true }),
        inapp: channelSwitchSchema.default({ enabled: true }),
      })
      .default({ email: { enabled: true }, x: { enabled: true }, inapp: { enabled: true } }),
    auth: z
      .strictObject({
        jwtIssuer: z.url().optional(),
        jwtAudience: z.array(z.string().min(1)).min(1).optional(),
      })
      .default({}),
    /** How long `GET /v1/status` may be cached by a CDN or an app; API.md bounds it to 5–30 s. */
    statusCacheSeconds: z.number().int().min(5).max(30).default(10),
    alarmEmail: z.email().optional(),
    /** Operator overrides of the built-in message texts: `templates.<kind>.<channel>.<locale>.<field>`. */
    templates: templatesSchema.optional(),
  })
  .superRefine((config, ctx) => {
    if (!config.locales.includes(config.defaultLocale)) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultLocale'],
        message: `"${config.defaultLocale}" is not one of locales [${config.locales.join(', ')}]`,
      });
    }
    if (new Set(config.locales).size !== config.locales.length) {
      ctx.addIssue({ code: 'custom', path: ['locales'], message: 'lists a locale twice' });
    }
    for (const locale of Object.keys(config.timeZones)) {
      if (!config.locales.includes(locale)) {
        ctx.addIssue({ code: 'custom', path: ['timeZones', locale], message: `"${locale}" is not one of locales` });
      }
    }
    for (const locale of config.channels.x.locales ?? []) {
      if (!config.locales.includes(locale)) {
        ctx.addIssue({ code: 'custom', path: ['channels', 'x', 'locales'], message: `"${locale}" is not one of locales` });
      }
    }
    const seen = new Set<string>();
    config.components.forEach((component, index) => {
      if (seen.has(component.id)) {
        ctx.addIssue({ code: 'custom', path: ['components', index, 'id'], message: `"${component.id}" is declared twice` });
      }
      seen.add(component.id);
    });
    const xLocales = config.channels.x.locales ?? [config.defaultLocale];
    for (const issue of validateTemplates(config.templates, { locales: config.locales, xLocales })) {
      ctx.addIssue({ code: 'custom', path: ['templates', ...issue.path], message: issue.message });
    }
  });

export type ConfigInput = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema>;

function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
