import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from '../lib/lambda-function.js';

/** Where the console loads its OpenID Connect library from: web/ is served as it is, without a bundler. */
export const consoleVendorFile = join('web', 'console', 'vendor', 'oidc-client-ts.js');

/** What web/console/oidc-sign-in.js uses of oidc-client-ts; nothing else is bundled. */
const exported = ['UserManager', 'WebStorageStateStore', 'InMemoryWebStorage'];

/**
 * oidc-client-ts (and its one dependency, jwt-decode) as one browser ES module, built by the locally
 * installed esbuild from the exact version in package-lock.json. Relative paths and no minification
 * keep the output the same on every machine and readable in a diff when the library is upgraded.
 *
 * @example
 * writeFileSync(join(projectRoot, consoleVendorFile), await consoleVendorText());
 */
export async function consoleVendorText(): Promise<string> {
  const { version } = JSON.parse(readFileSync(join(projectRoot, 'node_modules', 'oidc-client-ts', 'package.json'), 'utf8')) as { version: string };
  const result = await build({
    stdin: { contents: `export { ${exported.join(', ')} } from 'oidc-client-ts';`, resolveDir: projectRoot, sourcefile: 'console-vendor-entry.js' },
    absWorkingDir: projectRoot,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    legalComments: 'inline',
    write: false,
    logLevel: 'silent',
    banner: {
      js: `// oidc-client-ts ${version} (Apache-2.0) and jwt-decode (MIT), bundled by \`npm run console-vendor\` (bin/console-vendor-bundle.ts).\n// Generated: do not edit. tests/unit/console/console-vendor.test.ts fails while this file is out of date.`,
    },
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild wrote no output for the console\'s oidc-client-ts bundle');
  return output.text;
}
