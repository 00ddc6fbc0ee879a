import * as z from 'zod/mini';
import { pageLimit } from '../api/page-limit.js';
import '../validation/english-issues.js';
import type { Config } from '../config/config-schema.js';
import { webhookFormatSchema } from './webhook-format.js';

/** Browsers and most servers stop at 2 KiB of URL; a longer one is not a webhook. */
export const maxWebhookUrlLength = 2048;

/**
 * The webhook routes' bodies and queries for one configuration (locales and component ids are the
 * configured ones). The URL's form and addresses are checked after parsing, by WebhookDestinations.
 *
 * @example
 * createWebhookSchemas(config).subscribe.parse({ url: 'https://hooks.slack.com/services/…', format: 'slack', locale: 'id' });
 */
export function createWebhookSchemas(config: Config) {
  const componentIds = config.components.map((component) => component.id) as [string, ...string[]];
  return {
    subscribe: z.strictObject({
      url: z.string().check(z.minLength(1), z.maxLength(maxWebhookUrlLength)),
      format: webhookFormatSchema,
      locale: z._default(z.enum(config.locales as [string, ...string[]]), config.defaultLocale),
      components: z._default(
        z
          .array(z.enum(componentIds))
          .check(z.maxLength(componentIds.length), z.refine((list) => new Set(list).size === list.length, { message: 'names a component twice' })),
        [],
      ),
    }),
    list: z.strictObject({
      limit: pageLimit(1000, 100),
      cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))),
    }),
  };
}

export type WebhookSchemas = ReturnType<typeof createWebhookSchemas>;
export type SubscribeWebhookInput = z.output<WebhookSchemas['subscribe']>;
