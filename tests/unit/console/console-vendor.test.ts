import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleVendorFile, consoleVendorText } from '../../../bin/console-vendor-bundle.js';
import { projectRoot } from '../../../lib/lambda-function.js';

const committed = readFileSync(join(projectRoot, consoleVendorFile), 'utf8');

describe('the console’s bundled oidc-client-ts (web/console/vendor/oidc-client-ts.js)', () => {
  it('is what `npm run console-vendor` builds from the installed package: run it after upgrading oidc-client-ts', async () => {
    expect(committed === (await consoleVendorText()), `${consoleVendorFile} is out of date: run npm run console-vendor`).toBe(true);
  });

  it('names the exact version it was built from, the one package.json pins', () => {
    // A development dependency: the console ships the generated bundle, and no function imports the package.
    const { devDependencies } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(devDependencies['oidc-client-ts']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(committed.split('\n')[0]).toContain(`oidc-client-ts ${devDependencies['oidc-client-ts']} `);
  });

  it('is a self-contained ES module a browser loads from web/ as it is: no import of a package or another file', async () => {
    expect(committed).not.toMatch(/^\s*import\s/m);
    expect(committed).not.toMatch(/\bimport\(|\brequire\(/);
    const module = (await import(join(projectRoot, consoleVendorFile))) as Record<string, unknown>;
    expect(Object.keys(module).sort()).toEqual(['InMemoryWebStorage', 'UserManager', 'WebStorageStateStore']);
  });
});
