import * as z from 'zod';
import { parseMailbox } from '../email/mailbox.js';
import { isKnownTimeZone } from '../validation/is-known-time-zone.js';
import { templatesSchema } from '../messages/templates-schema.js';
import { validateTemplates } from '../messages/validate-templates.js';
import { componentStatusSchema, impactSchema } from '../incident/vocabulary.js';
import { defaultCadenceMinutes, promiseMinutes } from '../incident/next-update-promise.js';
import { cleanCommanderText } from '../validation/clean-commander-text.js';
import { countCodePoints } from '../validation/code-point-string.js';

/** BCP 47 language tag as the configuration and the API accept it (`en`, `id`, `pt-BR`). */
export const localeTagSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as "en" or "pt-BR"')
  .describe('A BCP 47 language tag such as "en", "id" or "pt-BR".');

export const componentIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'must be lower-case letters, digits, "-" or "_", starting with a letter, at most 40 characters')
  .describe('Stable id of a component, used by the API: lower-case letters, digits, "-" or "_", starting with a letter, at most 40 characters.');

const timeZoneSchema = z
  .string()
  .refine(isKnownTimeZone, {
    message: 'must be an IANA time zone such as "UTC" or "Asia/Jakarta"',
  })
  .describe('An IANA time zone such as "UTC" or "Asia/Jakarta".');

/** `address@domain` or `Display Name <address@domain>`, as a mail's From header writes it. */
const mailboxSchema = z
  .string()
  .trim()
  .max(320)
  .refine((value) => parseMailbox(value) !== undefined, { message: 'must be an address such as "status@example.com" or "Nimbus Status <status@example.com>"' });

/** An AWS region code as the SDKs and ARNs write it. */
const awsRegionSchema = z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'must be an AWS region code such as "eu-west-1"');

/** A DNS host name of two labels or more, lower case, as CloudFront takes an alternate domain name. */
const hostNamePattern = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The region CloudFront takes viewer certificates from, whatever region the stack deploys to. */
const cloudFrontCertificateRegion = 'us-east-1';

const acmCertificateArnPattern = /^arn:aws:acm:([a-z0-9-]+):\d{12}:certificate\/[A-Za-z0-9-]+$/;

const acmCertificateArnSchema = z
  .string()
  .regex(acmCertificateArnPattern, 'must be an ACM certificate ARN such as "arn:aws:acm:us-east-1:123456789012:certificate/…"')
  .superRefine((arn, ctx) => {
    // zod runs this even when the pattern failed; that message says enough for an ARN of another shape.
    const region = acmCertificateArnPattern.exec(arn)?.[1];
    if (region && region !== cloudFrontCertificateRegion) {
      ctx.addIssue({
        code: 'custom',
        message: `is a certificate in ${region}, but CloudFront only uses ACM certificates from ${cloudFrontCertificateRegion} (US East, N. Virginia): request or import the certificate there and use its ARN`,
      });
    }
  });

/** API Gateway regional custom domains take certificates from the API's own region, which synth may not know. */
const regionalCertificateArnSchema = z
  .string()
  .regex(acmCertificateArnPattern, 'must be an ACM certificate ARN such as "arn:aws:acm:eu-west-1:123456789012:certificate/…"');

const componentNameSchema = z.string().trim().min(1).max(60);

/** A name given once for every locale, or per locale (the keys checked against `locales` once they are known). */
const localizedNameSchema = z.union([componentNameSchema, z.record(localeTagSchema, componentNameSchema)]);

const channelSwitchSchema = z.strictObject({
  enabled: z.boolean().default(true).describe('Whether this channel sends messages (default true).'),
});

/**
 * Every scenario's texts in every locale, already as the API would store them (one-line titles, no
 * control or bidi characters, within the lengths), about configured components only: a commander
 * declaring one mid-outage must not meet a 400 the configuration could have caught at synth.
 */
function checkScenarios(
  config: { readonly locales: readonly string[]; readonly components: readonly { id: string }[]; readonly scenarios: Readonly<Record<string, { title: Record<string, string>; message: Record<string, string>; components?: { id: string }[] | undefined }>> },
  ctx: z.RefinementCtx,
): void {
  const componentIds = new Set(config.components.map((component) => component.id));
  for (const [id, scenario] of Object.entries(config.scenarios)) {
    for (const [field, lines, max] of [['title', 'one-line', 200], ['message', 'multi-line', 5000]] as const) {
      const texts = scenario[field];
      for (const locale of config.locales) {
        const text = texts[locale];
        const path = ['scenarios', id, field, locale];
        if (text === undefined) ctx.addIssue({ code: 'custom', path, message: `is missing: a scenario's ${field} is given in every locale` });
        else if (cleanCommanderText(text, lines) !== text) ctx.addIssue({ code: 'custom', path, message: `must be ${lines === 'one-line' ? 'one line ' : ''}without control, bidi-override or invisible characters, or spaces at either end` });
        else if (text.length === 0 || countCodePoints(text) > max) ctx.addIssue({ code: 'custom', path, message: `must be 1–${max} characters` });
      }
      for (const locale of Object.keys(texts)) {
        if (!config.locales.includes(locale)) ctx.addIssue({ code: 'custom', path: ['scenarios', id, field, locale], message: `"${locale}" is not one of locales` });
      }
    }
    scenario.components?.forEach((component, index) => {
      if (!componentIds.has(component.id)) ctx.addIssue({ code: 'custom', path: ['scenarios', id, 'components', index, 'id'], message: `"${component.id}" is not a configured component` });
    });
  }
}

/**
 * What is wrong with a per-locale text: a locale that is not configured, or the default locale missing
 * (every other locale falls back to it). A plain string is right for every locale.
 */
export function localeMapIssues(
  text: string | Readonly<Partial<Record<string, string>>>,
  locales: readonly string[],
  defaultLocale: string,
): { path: string[]; message: string }[] {
  if (typeof text === 'string') return [];
  const issues = Object.keys(text)
    .filter((locale) => !locales.includes(locale))
    .map((locale) => ({ path: [locale], message: `"${locale}" is not one of locales` }));
  if (text[defaultLocale] === undefined) issues.push({ path: [], message: `must hold the default locale "${defaultLocale}" (the other locales fall back to it)` });
  return issues;
}

/**
 * A custom domain comes with its certificate, and the address every message links to is on it: a
 * link to another host would reach a distribution that does not answer for it.
 */
function checkStatusSiteDomain(
  config: { readonly statusPageUrl: string; readonly statusSite: { readonly domainName?: string | undefined; readonly certificateArn?: string | undefined } },
  ctx: z.RefinementCtx,
): void {
  const { domainName, certificateArn } = config.statusSite;
  if (domainName && !certificateArn) {
    ctx.addIssue({ code: 'custom', path: ['statusSite', 'certificateArn'], message: `is required with statusSite.domainName "${domainName}": CloudFront serves a custom domain only with an ACM certificate (in us-east-1) that covers it` });
  }
  if (certificateArn && !domainName) {
    ctx.addIssue({ code: 'custom', path: ['statusSite', 'domainName'], message: 'is required with statusSite.certificateArn: name the domain the certificate is for, e.g. "status.example.com"' });
  }
  // zod runs this even when a field failed its own check, which then has its own message.
  if (!domainName || !hostNamePattern.test(domainName) || !URL.canParse(config.statusPageUrl)) return;
  const url = new URL(config.statusPageUrl);
  if (url.hostname !== domainName || url.protocol !== 'https:') {
    ctx.addIssue({
      code: 'custom',
      path: ['statusPageUrl'],
      message: `is "${config.statusPageUrl}", but the status page is served at https://${domainName}/ (statusSite.domainName): every message links to statusPageUrl, so make it "https://${domainName}/" (or a path under it)`,
    });
  }
}

/**
 * The one configuration file, `incident-comms.config.json`: read by the CDK app at synth and by the
 * local runtime at start, so a bad value fails there and never at send time.
 */
const promiseMinutesSchema = z
  .number()
  .int()
  .min(promiseMinutes.min)
  .max(promiseMinutes.max)
  .nullable()
  .describe(`Minutes to the next update (${promiseMinutes.min}–${promiseMinutes.max}), or null for no promise.`);

export const configSchema = z
  .strictObject({
    $schema: z.string().optional().describe("Path or URL of this file's JSON Schema, for editors' completion and validation."),
    serviceName: z.string().trim().min(1).max(60).describe('What the messages call your service, e.g. "Nimbus Chat" (1–60 characters).'),
    statusPageUrl: z
      .url({ protocol: /^https?$/ })
      .max(200)
      .describe('Where the messages link: the public status page, an http(s) URL of at most 200 characters.'),
    locales: z
      .array(localeTagSchema)
      .min(1)
      .max(20)
      .default(['en', 'id'])
      .describe('The languages every message is written in, as BCP 47 tags, each listed once (1–20; default ["en", "id"]).'),
    defaultLocale: localeTagSchema
      .default('en')
      .describe('One of locales: the fallback for text not given in a locale, and the X locale unless channels.x.locales is set (default "en").'),
    timeZones: z
      .record(localeTagSchema, timeZoneSchema)
      .default({})
      .describe('IANA time zone per locale for rendered times, e.g. {"id": "Asia/Jakarta"}; keys must be in locales, others use UTC.'),
    components: z
      .array(
        z
          .strictObject({
            id: componentIdSchema,
            name: localizedNameSchema.describe(
              'What messages and the status page call the component (1–60 characters): one name for every locale, or one per locale holding defaultLocale, e.g. { "en": "Video generation", "id": "Pembuatan video" }.',
            ),
          })
          .describe('One thing that can break, e.g. { "id": "chat", "name": "Chat" }.'),
      )
      .min(1)
      .max(100)
      .describe('What can break, as { id, name } (1–100, each id once).'),
    channels: z
      .strictObject({
        email: channelSwitchSchema
          .extend({
            from: mailboxSchema
              .optional()
              .describe(
                'The sender of customer mail, "Name <address@your-domain>" or a plain address; its domain is verified in SES with DKIM. Required to deploy with email enabled; locally it defaults to "<serviceName> <status@incident-comms.local>".',
              ),
            replyTo: z.email().optional().describe('Where replies to customer mail go (default: nowhere but the sender).'),
            maxSendRate: z
              .number()
              .positive()
              .max(10_000)
              .default(14)
              .describe('Mails per second at most: your SES account sending quota (14 when AWS moves an account out of the sandbox). The senders pace themselves to it.'),
          })
          .default({ enabled: true, maxSendRate: 14 })
          .describe('Email to the subscriber list, sent per recipient through Amazon SES.'),
        x: channelSwitchSchema
          .extend({
            locales: z
              .array(localeTagSchema)
              .min(1)
              .optional()
              .describe('The locales posted to X, each one of locales (default: only defaultLocale).'),
          })
          .default({ enabled: true })
          .describe('Posts on X.'),
        inapp: channelSwitchSchema
          .extend({
            feedRetentionDays: z
              .number()
              .int()
              .min(1)
              .max(3650)
              .default(90)
              .describe('Days a feed item is kept after it was written (DynamoDB TTL); default 90.'),
          })
          .default({ enabled: true, feedRetentionDays: 90 })
          .describe('In-app notices: the feed apps, the widget and the status page read.'),
        webhook: channelSwitchSchema
          .extend({
            maxConcurrency: z
              .number()
              .int()
              .min(2)
              .max(100)
              .default(5)
              .describe('Webhook deliveries in flight at once at most (the delivery workers\' concurrency; 2 is the lowest SQS allows); default 5.'),
          })
          .default({ enabled: true, maxConcurrency: 5 })
          .describe('Webhook and chat subscribers (signed JSON, Slack, Microsoft Teams, Discord), each sent its own POST.'),
      })
      .default({
        email: { enabled: true, maxSendRate: 14 },
        x: { enabled: true },
        inapp: { enabled: true, feedRetentionDays: 90 },
        webhook: { enabled: true, maxConcurrency: 5 },
      })
      .describe('The delivery channels; each is enabled unless it says "enabled": false.'),
    auth: z
      .strictObject({
        jwtIssuer: z.url().optional().describe('Issuer URL of the OIDC provider whose JWTs the commanders present; required to deploy.'),
        jwtAudience: z
          .array(z.string().min(1))
          .min(1)
          .optional()
          .describe('Audiences (client ids) the commanders\' tokens carry; required to deploy.'),
        commanderScope: z
          .string()
          .regex(/^[\x21\x23-\x5B\x5D-\x7E]{1,200}$/, 'must be one OAuth scope: printable ASCII without spaces, quotes or backslashes, e.g. "incident-comms/command"')
          .optional()
          .describe(
            'The OAuth scope a commander\'s access token must carry (in its "scope" or "scp" claim), e.g. "incident-comms/command" (a Cognito resource server\'s scope) or "command:incidents" (Auth0, Okta). API Gateway\'s authorizer refuses a token without it, and the function checks it again. Set this, commanderGroups, or both, to deploy.',
          ),
        commanderGroups: z
          .array(z.string().min(1).max(128))
          .min(1)
          .optional()
          .describe(
            'Groups of which a commander must be in at least one, read from the token\'s groups claim (groupsClaim), e.g. ["incident-commanders"]. Set this, commanderScope, or both, to deploy.',
          ),
        groupsClaim: z
          .string()
          .min(1)
          .max(200)
          .optional()
          .describe(
            'The claim listing the token\'s groups; default: "cognito:groups", then "groups" (Okta). Auth0 puts groups or roles in a namespaced claim added by an Action, e.g. "https://status.example.com/roles".',
          ),
        consoleClientId: z
          .string()
          .min(1)
          .max(256)
          .regex(/^[\x21-\x7E]+$/, 'must be an OAuth client id: printable ASCII without spaces')
          .optional()
          .describe(
            'The OIDC client id of the commander console (/console/ on the status site): a public client (no secret) using the authorization code flow with PKCE, whose allowed callback is https://<status site>/console/. Deployed, the console signs in with it, and the API\'s JWT authorizer accepts it as an audience (API Gateway matches "aud", or "client_id" in Cognito access tokens). Without it the deployed console says sign-in is unavailable.',
          ),
        consoleSignInOrigins: z
          .array(
            z
              .url({ protocol: /^https$/ })
              .refine((value) => new URL(value).origin === value, 'must be an origin only: "https://" and a host, without a path or a trailing slash'),
          )
          .min(1)
          .max(5)
          .optional()
          .describe(
            'Origins besides jwtIssuer\'s that the console\'s browser calls while signing in, allowed in its Content-Security-Policy: where the provider\'s token endpoint lives when it is not on the issuer\'s origin. Amazon Cognito: the user pool domain, e.g. "https://nimbus-commanders.auth.eu-west-1.amazoncognito.com" (required with consoleClientId).',
          ),
      })
      .default({})
      .describe("The commanders' OIDC provider and what makes a token a commander's, checked by the deployed API (the local runtime uses a token instead)."),
    frontDoor: z
      .strictObject({
        apiOriginDomainName: z
          .string()
          .max(253)
          .regex(hostNamePattern, 'must be a lower-case host name such as "api-origin.status.example.com", without a scheme, a path or a trailing dot')
          .optional()
          .describe(
            'The API\'s own custom domain, e.g. "api-origin.status.example.com": CloudFront reaches the API through it, since the default execute-api endpoint is disabled so that every request passes the CDN and its firewall. Point a CNAME at the ApiOriginTarget output. Required to deploy.',
          ),
        apiOriginCertificateArn: regionalCertificateArnSchema
          .optional()
          .describe('The ACM certificate covering apiOriginDomainName, in the region the stack deploys to (API Gateway regional custom domains use certificates of their own region). Required to deploy.'),
        webAclArn: z
          .string()
          .regex(/^arn:aws:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]{1,128}\/[a-f0-9-]{36}$/, 'must be the ARN of an AWS WAF web ACL of CloudFront scope: "arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>"')
          .optional()
          .describe(
            'An existing AWS WAF web ACL (CloudFront scope, so in us-east-1) to put on the distribution instead of the one the stack\'s firewall companion stack creates; it should carry the per-client rules docs/threat-model.md lists.',
          ),
      })
      .default({})
      .describe('How every request reaches the API: through the status site\'s CloudFront distribution and its AWS WAF web ACL, the API\'s own endpoint closed (deployed only).'),
    /** How long `GET /v1/status` may be cached by a CDN or an app; docs/api.md bounds it to 5–30 s. */
    statusCacheSeconds: z
      .number()
      .int()
      .min(5)
      .max(30)
      .default(10)
      .describe('Seconds GET /v1/status and the feed may be cached by a CDN or an app (Cache-Control max-age, 5–30; default 10).'),
    statusSite: z
      .strictObject({
        replicaRegion: awsRegionSchema
          .optional()
          .describe(
            'Optional second AWS region, e.g. "eu-west-1": the status page bucket is replicated there and CloudFront fails over to the copy, so the page and its snapshot stay readable if the deploying region is lost.',
          ),
        domainName: z
          .string()
          .max(253)
          .regex(hostNamePattern, 'must be a lower-case host name such as "status.example.com", without a scheme, a path or a trailing dot')
          .optional()
          .describe(
            'Optional custom domain of the status page, e.g. "status.nimbus.example", served by the distribution with statusSite.certificateArn; statusPageUrl must then be https://<this domain>/…. Point a CNAME (or a Route 53 alias) at the StatusDistributionDomainName output.',
          ),
        certificateArn: acmCertificateArnSchema
          .optional()
          .describe(
            'The ACM certificate covering statusSite.domainName, required with it. CloudFront only uses certificates from us-east-1: "arn:aws:acm:us-east-1:<account>:certificate/<id>".',
          ),
        accessLogBucket: z
          .strictObject({
            name: z
              .string()
              .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name: 3–63 lower-case letters, digits, "." or "-"')
              .describe('The bucket\'s name.'),
            region: awsRegionSchema.describe('The region of the bucket, e.g. "eu-west-1"; not an opt-in region, where CloudFront delivers no standard logs.'),
          })
          .optional()
          .describe(
            'Optional existing S3 bucket of this account, with ACLs enabled, for the distribution\'s standard logs (e.g. a central log bucket). Default: the stack\'s own access-log bucket, which CloudFront cannot write to in opt-in regions (af-south-1, ap-east-1, eu-south-1, me-south-1, …): there, the distribution logs only with this set.',
          ),
      })
      .default({})
      .describe('Where the status page is kept, on which domain it is served and where its access logs go (deployed only).'),
    alarmEmail: z.email().optional().describe('Optional on-call address subscribed to the CloudWatch alarms.'),
    cadenceMinutes: z
      .strictObject({
        none: promiseMinutesSchema.optional(),
        minor: promiseMinutesSchema.optional(),
        major: promiseMinutesSchema.optional(),
        critical: promiseMinutesSchema.optional(),
      })
      .default({})
      .transform((given) => ({ ...defaultCadenceMinutes, ...given }))
      .describe(
        'The "next update by" promise an incident makes when the commander names none, in minutes (5–1440) or null for none, by impact (default critical 30, major 60, minor 120, none null).',
      ),
    commanderEmail: z
      .email()
      .optional()
      .describe("Optional address subscribed to the commanders' topic, which reminds them when an incident's \"next update by\" promise passes (AWS Chatbot can subscribe to it too)."),
    scenarios: z
      .record(
        componentIdSchema,
        z
          .strictObject({
            title: z.record(localeTagSchema, z.string()).describe('The incident title in every locale: one line, at most 200 characters.'),
            message: z.record(localeTagSchema, z.string()).describe('The first message (the apology\'s words) in every locale, at most 5000 characters.'),
            impact: z.enum(impactSchema.options).describe('The impact the scenario declares: none, minor, major or critical.'),
            components: z
              .array(z.strictObject({ id: componentIdSchema, status: z.enum(componentStatusSchema.options) }))
              .optional()
              .describe('The components it affects and how, each a configured component id.'),
          })
          .describe('One pre-translated incident a commander declares by its id, e.g. a launch-day surge.'),
      )
      .default({})
      .describe('Pre-translated incident scenarios by id (lower-case letters, digits, "-" or "_"): POST /v1/incidents with "scenario": "<id>" takes from it what the body leaves out; GET /v1/scenarios lists them.'),
    /** Operator overrides of the built-in message texts: `templates.<kind>.<channel>.<locale>.<field>`. */
    templates: templatesSchema
      .optional()
      .describe(
        'Optional overrides of built-in message texts: templates.<apology|update|recovery|postmortem>.<email|x|inapp>.<locale>.<subject|body|text|title>, with {placeholder}s.',
      ),
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
    config.components.forEach((component, index) => {
      for (const issue of localeMapIssues(component.name, config.locales, config.defaultLocale)) {
        ctx.addIssue({ code: 'custom', path: ['components', index, 'name', ...issue.path], message: issue.message });
      }
    });
    const seen = new Set<string>();
    config.components.forEach((component, index) => {
      if (seen.has(component.id)) {
        ctx.addIssue({ code: 'custom', path: ['components', index, 'id'], message: `"${component.id}" is declared twice` });
      }
      seen.add(component.id);
    });
    checkStatusSiteDomain(config, ctx);
    checkScenarios(config, ctx);
    const xLocales = config.channels.x.locales ?? [config.defaultLocale];
    for (const issue of validateTemplates(config.templates, { locales: config.locales, xLocales })) {
      ctx.addIssue({ code: 'custom', path: ['templates', ...issue.path], message: issue.message });
    }
  });

export type ConfigInput = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema>;
