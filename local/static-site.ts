import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { consoleConfigKey } from '../lambdas/core/console/console-config-document.js';
import type { ConsoleConfigDocument } from '../lambdas/core/console/console-config-document.js';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * The same policy CloudFront adds in front of the deployed page: no inline script, no framing. The
 * console runs here in token mode and calls only this origin; deployed, its own policy
 * (lib/console-site.ts) also lets it reach the OIDC provider.
 */
export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export interface StaticFile {
  body: Buffer;
  headers: Record<string, string>;
}

/** Locally there is no OIDC client: the console asks for the local commander token (`.incident-comms/`). */
export const localConsoleConfig: ConsoleConfigDocument = { signIn: 'token' };

/**
 * Serves `web/` as the deployed bucket would: a folder's path (`/`, `/console/`) is its index.html,
 * nothing outside the folder. `/console/config.json` is answered here, never read from web/: the
 * deployed one is written by the stack, and a file in web/ would be deployed too.
 */
export async function readStaticFile(root: string, pathname: string): Promise<StaticFile | undefined> {
  let relative: string;
  try {
    relative = decodeURIComponent(pathname).replace(/^\/+/, '');
    if (relative === '' || relative.endsWith('/')) relative += 'index.html';
  } catch {
    return undefined;
  }
  if (relative === consoleConfigKey) return { body: Buffer.from(JSON.stringify(localConsoleConfig)), headers: headersFor(relative, contentTypes['.json']!) };
  const base = normalize(join(root, '.'));
  const absolute = normalize(join(base, relative));
  if (!absolute.startsWith(base.endsWith(sep) ? base : base + sep)) return undefined;
  const type = contentTypes[extname(absolute)];
  if (!type) return undefined;
  try {
    const body = await readFile(absolute);
    return { body, headers: headersFor(relative, type) };
  } catch {
    return undefined;
  }
}

function headersFor(relative: string, type: string): Record<string, string> {
  return {
    'content-type': type,
    'cache-control': 'no-cache',
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    // The widget is embedded in other origins' apps; it only reads public data.
    ...(relative === 'widget.js' ? { 'access-control-allow-origin': '*' } : {}),
  };
}
