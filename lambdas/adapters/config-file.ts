import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../core/config/config-schema.js';
import { ConfigError, parseConfig } from '../core/config/parse-config.js';

export const defaultConfigPath = 'incident-comms.config.json';

/** Reads and validates the configuration file; the CDK app and the local runtime both start here. */
export function loadConfigFile(path: string = defaultConfigPath): Config {
  const absolute = resolve(path);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read the configuration file ${absolute}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${absolute} is not valid JSON: ${(error as Error).message}`);
  }
  return parseConfig(raw, absolute);
}
