import { DomainError } from '../errors/domain-error.js';
import { configSchema } from './config-schema.js';
import type { Config } from './config-schema.js';
import { describeIssues } from '../validation/describe-issues.js';

/** Thrown when `incident-comms.config.json` is invalid; the message names every bad field. */
export class ConfigError extends DomainError {}

/**
 * Validates raw configuration and returns it with defaults applied.
 *
 * @example
 * const config = parseConfig(JSON.parse(readFileSync('incident-comms.config.json', 'utf8')));
 */
export function parseConfig(raw: unknown, source = 'incident-comms.config.json'): Config {
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const lines = describeIssues(result.error.issues).map(({ path, message }) => `  - ${path || '(root)'}: ${message}`);
    throw new ConfigError(`${source} is invalid:\n${lines.join('\n')}`);
  }
  return result.data;
}
