import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readStaticFile } from '../../../local/static-site.js';

/** A web/ folder with a console page and a stray console/config.json that must not be served. */
function aWebRoot(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'incident-comms-web-'));
  mkdirSync(path.join(root, 'console'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>status</title>');
  writeFileSync(path.join(root, 'console', 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(path.join(root, 'console', 'config.json'), JSON.stringify({ signIn: 'oidc', issuer: 'https://idp.example/', clientId: 'x', scope: 'openid', redirectPath: '/console/' }));
  return root;
}

describe('the local static site, for the commander console', () => {
  let root: string;
  beforeAll(() => {
    root = aWebRoot();
  });

  it('answers /console/config.json with token sign-in, whatever web/ holds: locally there is no OIDC client', async () => {
    const file = await readStaticFile(root, '/console/config.json');
    expect(JSON.parse(file!.body.toString('utf8'))).toEqual({ signIn: 'token' });
    expect(file!.headers['content-type']).toMatch(/^application\/json/);
  });

  it('serves /console/ as /console/index.html, as CloudFront does deployed', async () => {
    const file = await readStaticFile(root, '/console/');
    expect(file!.body.toString('utf8')).toContain('<title>console</title>');
    expect(file!.headers['content-type']).toMatch(/^text\/html/);
  });

  it('sends the console a CSP that allows its own scripts and API calls and no inline script', async () => {
    const csp = (await readStaticFile(root, '/console/'))!.headers['content-security-policy']!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });
});
