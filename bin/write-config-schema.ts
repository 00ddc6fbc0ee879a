// `npm run config-schema`: writes incident-comms.config.schema.json, the JSON Schema that the
// configuration's "$schema" points at, from the zod schema. Run it after changing config-schema.ts;
// tests/unit/config/config-json-schema.test.ts fails while the committed file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configJsonSchemaFileName, configJsonSchemaText } from '../lambdas/core/config/config-json-schema.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = join(root, configJsonSchemaFileName);
const text = configJsonSchemaText();

let current: string | undefined;
try {
  current = readFileSync(file, 'utf8');
} catch {
  current = undefined;
}

if (current === text) {
  console.log(`${configJsonSchemaFileName} is up to date`);
} else {
  writeFileSync(file, text);
  console.log(`wrote ${configJsonSchemaFileName}`);
}
