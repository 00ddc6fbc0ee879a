import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { projectRoot } from '../../../lib/lambda-function.js';

// web/console/oidc-sign-in.js with the bundled oidc-client-ts, run against a fake provider (fetch)
// and a fake browser window: what the console sends the provider, and where the tokens end up.

interface ConsoleSession {
  accessToken(): Promise<string>;
  signOut(): Promise<void>;
}
type OidcSignIn = (config: Record<string, string>) => Promise<ConsoleSession>;

const site = 'https://status.nimbus.example';
const issuer = 'https://idp.nimbus.example/tenant';
const config = { signIn: 'oidc', issuer, clientId: 'console-client', scope: 'openid incident-comms/command', redirectPath: '/console/' };
const discovery = {
  issuer,
  authorization_endpoint: `${issuer}/authorize`,
  token_endpoint: `${issuer}/token`,
  end_session_endpoint: `${issuer}/logout`,
};

class MemoryStorage {
  readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  clear(): void {
    this.items.clear();
  }
}

/** The browser as the module and oidc-client-ts see it: an address, navigation, history, sessionStorage. */
function aBrowserAt(href: string) {
  const navigations: string[] = [];
  const location = {
    href,
    get origin() {
      return new URL(this.href).origin;
    },
    get pathname() {
      return new URL(this.href).pathname;
    },
    get search() {
      return new URL(this.href).search;
    },
    get hash() {
      return new URL(this.href).hash;
    },
    assign(url: string) {
      navigations.push(url);
    },
    replace(url: string) {
      navigations.push(url);
    },
  };
  const window = {
    location,
    sessionStorage: new MemoryStorage(),
    history: {
      state: null,
      replaceState(_state: unknown, _title: string, url: string) {
        location.href = new URL(url, location.href).href;
      },
    },
    addEventListener() {},
    get self() {
      return window;
    },
  };
  return { window, navigations };
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** An ID token as the provider would send it; the module does not verify signatures (the API does). */
function anIdToken(claims: Record<string, unknown>): string {
  const now = Math.floor(Date.now() / 1000);
  return `${base64url({ alg: 'RS256', typ: 'JWT' })}.${base64url({ iss: issuer, aud: config.clientId, sub: 'commander-1', iat: now, exp: now + 3600, ...claims })}.c2lnbmF0dXJl`;
}

/** The provider: its discovery document, and a token endpoint checking the PKCE verifier against the challenge it was given. */
function aProvider(authorizeUrl: () => URL, options: { metadata?: Record<string, string | undefined>; expiresIn?: number } = {}) {
  const metadata = { ...discovery, ...options.metadata };
  const tokenRequests: URLSearchParams[] = [];
  const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url === `${issuer}/.well-known/openid-configuration`) return Response.json(metadata);
    if (url === metadata.token_endpoint) {
      const body = new URLSearchParams(String(init?.body));
      tokenRequests.push(body);
      if (body.get('grant_type') === 'refresh_token') {
        if (body.get('refresh_token') !== 'refresh-token-1') return Response.json({ error: 'invalid_grant' }, { status: 400 });
        return Response.json({ access_token: 'access-token-2', token_type: 'Bearer', expires_in: 3600, scope: config.scope });
      }
      const challenge = createHash('sha256').update(body.get('code_verifier') ?? '').digest('base64url');
      if (body.get('code') !== 'the-code' || challenge !== authorizeUrl().searchParams.get('code_challenge')) {
        return Response.json({ error: 'invalid_grant' }, { status: 400 });
      }
      const nonce = authorizeUrl().searchParams.get('nonce');
      return Response.json({
        access_token: 'access-token-1',
        refresh_token: 'refresh-token-1',
        id_token: anIdToken(nonce ? { nonce } : {}),
        token_type: 'Bearer',
        expires_in: options.expiresIn ?? 3600,
        scope: config.scope,
      });
    }
    return new Response('not found', { status: 404 });
  });
  return { fetch, tokenRequests };
}

/** A commander signed in through the whole round trip, on a page loaded from the provider's redirect. */
async function aSignedInConsole(options: Parameters<typeof aProvider>[1] = {}) {
  const browser = aBrowserAt(`${site}/console/`);
  let authorizeUrl: URL | undefined;
  const provider = aProvider(() => authorizeUrl!, options);
  vi.stubGlobal('window', browser.window);
  vi.stubGlobal('fetch', provider.fetch);
  const oidcSignIn = await loadOidcSignIn();
  void oidcSignIn(config);
  authorizeUrl = new URL(await untilNavigated(browser.navigations));
  browser.window.location.href = `${site}/console/?code=the-code&state=${authorizeUrl.searchParams.get('state')}`;
  browser.navigations.length = 0;
  return { browser, provider, session: await oidcSignIn(config) };
}

async function loadOidcSignIn(): Promise<OidcSignIn> {
  const module = (await import(pathToFileURL(path.join(projectRoot, 'web', 'console', 'oidc-sign-in.js')).href)) as { oidcSignIn: OidcSignIn };
  return module.oidcSignIn;
}

/** Lets the library's promises run until the browser has been sent somewhere. */
async function untilNavigated(navigations: string[]): Promise<string> {
  await vi.waitFor(() => expect(navigations.length).toBeGreaterThan(0));
  return navigations[0]!;
}

describe('the console’s OpenID Connect sign-in (web/console/oidc-sign-in.js)', () => {
  let authorizeUrl: URL | undefined;
  beforeEach(() => {
    authorizeUrl = undefined;
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends a commander without a session to the provider: authorization code with a PKCE S256 challenge, back to /console/', async () => {
    const browser = aBrowserAt(`${site}/console/#incident/01J`);
    const provider = aProvider(() => authorizeUrl!);
    vi.stubGlobal('window', browser.window);
    vi.stubGlobal('fetch', provider.fetch);
    const oidcSignIn = await loadOidcSignIn();

    let settled = false;
    void oidcSignIn(config).then(() => (settled = true));
    authorizeUrl = new URL(await untilNavigated(browser.navigations));

    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(discovery.authorization_endpoint);
    expect(Object.fromEntries(authorizeUrl.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: config.clientId,
      redirect_uri: `${site}/console/`,
      scope: config.scope,
      code_challenge_method: 'S256',
    });
    expect(authorizeUrl.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorizeUrl.searchParams.has('client_secret')).toBe(false);
    // Only the round trip's record is stored, in this tab's sessionStorage, and it holds no token.
    expect(browser.window.sessionStorage.length).toBe(1);
    expect(settled).toBe(false);
  });

  it('finishes the sign-in on the way back: the code and the verifier go to the token endpoint, the token stays in memory, the code leaves the address bar', async () => {
    const browser = aBrowserAt(`${site}/console/#incident/01J`);
    const provider = aProvider(() => authorizeUrl!);
    vi.stubGlobal('window', browser.window);
    vi.stubGlobal('fetch', provider.fetch);
    const oidcSignIn = await loadOidcSignIn();
    void oidcSignIn(config);
    authorizeUrl = new URL(await untilNavigated(browser.navigations));
    const roundTrip = [...browser.window.sessionStorage.items.values()].join('');

    // The provider sends the browser back; the page loads anew, with only sessionStorage kept.
    browser.window.location.href = `${site}/console/?code=the-code&state=${authorizeUrl.searchParams.get('state')}`;
    browser.navigations.length = 0;
    const session = await oidcSignIn(config);

    expect(await session.accessToken()).toBe('access-token-1');
    expect(provider.tokenRequests).toHaveLength(1);
    expect(Object.fromEntries(provider.tokenRequests[0]!)).toMatchObject({ grant_type: 'authorization_code', client_id: config.clientId, redirect_uri: `${site}/console/` });
    expect(browser.window.location.href).toBe(`${site}/console/#incident/01J`);
    expect(browser.navigations).toEqual([]);
    expect(roundTrip).not.toMatch(/access-token|refresh-token/);
    const stored = [...browser.window.sessionStorage.items.values()].join('');
    expect(stored).not.toMatch(/access-token|refresh-token|the-code/);
  });

  it('says which provider refused the sign-in instead of sending the commander round again', async () => {
    const browser = aBrowserAt(`${site}/console/`);
    const provider = aProvider(() => authorizeUrl!);
    vi.stubGlobal('window', browser.window);
    vi.stubGlobal('fetch', provider.fetch);
    const oidcSignIn = await loadOidcSignIn();
    void oidcSignIn(config);
    authorizeUrl = new URL(await untilNavigated(browser.navigations));
    browser.window.location.href = `${site}/console/?error=access_denied&state=${authorizeUrl.searchParams.get('state')}`;
    browser.navigations.length = 0;

    await expect(oidcSignIn(config)).rejects.toThrow(/Signing in at https:\/\/idp\.nimbus\.example\/tenant failed: access_denied/);
    expect(browser.navigations).toEqual([]);
  });

  it('renews an access token about to expire with the refresh token, without leaving the page', async () => {
    const { browser, provider, session } = await aSignedInConsole({ expiresIn: 30 });
    expect(await session.accessToken()).toBe('access-token-2');
    expect(provider.tokenRequests.map((request) => request.get('grant_type'))).toEqual(['authorization_code', 'refresh_token']);
    expect(browser.navigations).toEqual([]);
  });

  it('signs out at the provider’s end_session_endpoint, back to the console', async () => {
    const { browser, session } = await aSignedInConsole();
    // Like the sign-in redirect, it settles only if the page does not leave.
    void session.signOut();
    const logout = new URL(await untilNavigated(browser.navigations));
    expect(`${logout.origin}${logout.pathname}`).toBe(discovery.end_session_endpoint);
    expect(logout.searchParams.get('post_logout_redirect_uri')).toBe(`${site}/console/`);
    expect(logout.searchParams.get('id_token_hint')).toBeTruthy();
  });

  it('signs out at Cognito’s /logout, which its discovery document does not name', async () => {
    const userPoolDomain = 'https://nimbus-commanders.auth.eu-west-1.amazoncognito.com';
    const { browser, session } = await aSignedInConsole({ metadata: { end_session_endpoint: undefined, token_endpoint: `${userPoolDomain}/oauth2/token` } });
    await session.signOut();
    expect(browser.navigations).toEqual([`${userPoolDomain}/logout?client_id=${config.clientId}&logout_uri=${encodeURIComponent(`${site}/console/`)}`]);
  });

  it('refuses a configuration without a client id, naming the setting', async () => {
    vi.stubGlobal('window', aBrowserAt(`${site}/console/`).window);
    const oidcSignIn = await loadOidcSignIn();
    await expect(oidcSignIn({ ...config, clientId: '' })).rejects.toThrow(/"clientId".*auth\.consoleClientId/);
  });
});
