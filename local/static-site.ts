import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

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

/** The same policy CloudFront adds in front of the deployed page: no inline script, no framing. */
export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export interface StaticFile {
  body: Buffer;
  headers: Record<string, string>;
}

/**
 * Serves `web/` as the deployed bucket would: a folder's path (`/`, `/console/`) is its index.html,
 * nothing outside the folder.
 */
export async function readStaticFile(root: string, pathname: string): Promise<StaticFile | undefined> {
  let relative: string;
  try {
    relative = decodeURIComponent(pathname).replace(/^\/+/, '');
    if (relative === '' || relative.endsWith('/')) relative += 'index.html';
  } catch {
    return undefined;
  }
  const base = normalize(join(root, '.'));
  const absolute = normalize(join(base, relative));
  if (!absolute.startsWith(base.endsWith(sep) ? base : base + sep)) return undefined;
  const type = contentTypes[extname(absolute)];
  if (!type) return undefined;
  try {
    const body = await readFile(absolute);
    return {
      body,
      headers: {
        'content-type': type,
        'cache-control': 'no-cache',
        'content-security-policy': contentSecurityPolicy,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'strict-origin-when-cross-origin',
        // The widget is embedded in other origins' apps; it only reads public data.
        ...(relative === 'widget.js' ? { 'access-control-allow-origin': '*' } : {}),
      },
    };
  } catch {
    return undefined;
  }
}
