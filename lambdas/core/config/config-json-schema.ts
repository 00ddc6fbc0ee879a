import * as z from 'zod';
import { configSchema } from './config-schema.js';

/** The file next to `incident-comms.config.json` that its `"$schema"` points at; `npm run config-schema` writes it. */
export const configJsonSchemaFileName = 'incident-comms.config.schema.json';

/**
 * The JSON Schema (draft 2020-12) of what may be written in `incident-comms.config.json`, generated
 * from `configSchema` so the two cannot drift: the input side (fields with a default are optional),
 * with the zod descriptions. What JSON Schema cannot say (time zones being known to the runtime,
 * `defaultLocale` being one of `locales`, template placeholders…) is still checked at start and synth.
 */
export function configJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(configSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: 'urn:incident-comms:config',
    title: 'incident-comms configuration',
    description:
      'incident-comms.config.json: read by the CDK app at synth and by the local runtime at start, which also check what this schema cannot ' +
      '(known time zones, defaultLocale among locales, template placeholders). Generated from lambdas/core/config/config-schema.ts by `npm run config-schema`.',
    ...rest,
  };
}

/** The schema file's exact text: two-space JSON and a trailing newline. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
