import * as z from 'zod/mini';
import { pageLimit } from './page-limit.js';
import '../validation/english-issues.js';
import type { Config } from '../config/config-schema.js';

const cursorSchema = z.string().check(z.minLength(1), z.maxLength(2048));

/**
 * The query strings of the public reads (`servedBy: 'reads'` in the contract), for one configuration:
 * the read function validates with these alone, so none of the write operations' schemas ride in it.
 *
 * @example
 * createReadSchemas(config).queries.readFeed.parse({ locale: 'id' }); // { locale: 'id', limit: 50 }
 */
export function createReadSchemas(config: Config) {
  const locale = z._default(z.enum(config.locales as [string, ...string[]]), config.defaultLocale);
  return {
    queries: {
      listIncidents: z.strictObject({
        state: z._default(z.enum(['open', 'resolved', 'all']), 'all'),
        limit: pageLimit(100, 20),
        cursor: z.optional(cursorSchema),
      }),
      readFeed: z.strictObject({
        locale,
        after: z.optional(cursorSchema),
        limit: pageLimit(100, 50),
      }),
      readAtomFeed: z.strictObject({ locale }),
      listMaintenances: z.strictObject({
        state: z._default(z.enum(['upcoming', 'active', 'past']), 'upcoming'),
        limit: pageLimit(100, 20),
        cursor: z.optional(cursorSchema),
      }),
    },
  };
}

export type ReadSchemas = ReturnType<typeof createReadSchemas>;
