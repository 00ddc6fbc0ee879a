import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../lib/lambda-function.js';

/**
 * Writes a file the repository commits but generates (a JSON Schema, a vendored bundle) when its
 * text changed, and says which: the tests that compare the committed file then pass again.
 *
 * @example
 * writeGeneratedFile('incident-comms.config.schema.json', configJsonSchemaText());
 */
export function writeGeneratedFile(relativePath: string, text: string): void {
  const file = join(projectRoot, relativePath);
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) {
    console.log(`${relativePath} is up to date`);
  } else {
    writeFileSync(file, text);
    console.log(`wrote ${relativePath}`);
  }
}
