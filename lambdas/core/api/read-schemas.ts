import * as z from 'zod';
import type { Config } from '../config/config-schema.js';

const cursorSchema = z.string().min(1).max(2048);

/**
 * The query strings of the public reads (`servedBy: 'reads'` in the contract), for one configuration:
 * the read function validates with these alone, so none of the write operations' schemas ride in it.
 *
 * @example
 * createReadSchemas(config).queries.readFeed.parse({ locale: 'id' }); // { locale: 'id', limit: 50 }
 */
export function createReadSchemas(config: Config) {
  const locale = z.enum(config.locales as [string, ...string[]]).default(config.defaultLocale);
  return {
    queries: {
      listIncidents: z.strictObject({
        state: z.enum(['open', 'resolved', 'all']).default('all'),
        limit: z.coerce.number().int().min(1).max(100).default(20),
        cursor: cursorSchema.optional(),
      }),
      readFeed: z.strictObject({
        locale,
        after: cursorSchema.optional(),
        limit: z.coerce.number().int().min(1).max(100).default(50),
      }),
      readAtomFeed: z.strictObject({ locale }),
    },
  };
}

export type ReadSchemas = ReturnType<typeof createReadSchemas>;
