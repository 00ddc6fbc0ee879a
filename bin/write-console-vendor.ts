// `npm run console-vendor`: writes web/console/vendor/oidc-client-ts.js, the browser module the
// commander console signs in with, from the installed oidc-client-ts. Run it after upgrading the
// package; tests/unit/console/console-vendor.test.ts fails while the committed file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../lib/lambda-function.js';
import { consoleVendorFile, consoleVendorText } from './console-vendor-bundle.js';

const file = join(projectRoot, consoleVendorFile);
const text = await consoleVendorText();

let current: string | undefined;
try {
  current = readFileSync(file, 'utf8');
} catch {
  current = undefined;
}

if (current === text) {
  console.log(`${consoleVendorFile} is up to date`);
} else {
  writeFileSync(file, text);
  console.log(`wrote ${consoleVendorFile}`);
}
