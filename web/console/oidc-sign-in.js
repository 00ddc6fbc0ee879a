// The deployed commander console's sign-in: OpenID Connect authorization code flow with PKCE, as a
// public client (no secret), through oidc-client-ts (bundled into ./vendor/ by `npm run console-vendor`).
// sign-in.js loads this module when /console/config.json says { "signIn": "oidc", … }.
import { InMemoryWebStorage, UserManager, WebStorageStateStore } from './vendor/oidc-client-ts.js';

/** Renew a token this many seconds before it expires, so a request never leaves with one about to lapse. */
const renewBeforeSeconds = 60;

/**
 * Signs the commander in and hands out access tokens for the API.
 *
 * On the way back from the provider (`?code=…&state=…` at the redirect path) it finishes the sign-in
 * and takes the code and state out of the address bar; without a signed-in user it sends the browser to
 * the provider, and the returned promise never settles because the page is leaving. The same holds for
 * `accessToken()` when the token can be renewed only by signing in again, and for `signOut()`, which
 * ends the provider's session too.
 *
 * Tokens live in this page's memory only (`userStore`): nothing a script injected later, an extension
 * or another tab could read from storage, and a reload signs in again (silently while the provider's
 * session lasts). The redirect round trip's own record (`stateStore`) must survive leaving the page, so
 * it is kept in sessionStorage, this tab only: the state id, the nonce and the PKCE code verifier, no
 * token. The verifier is useful only with the single-use code the provider sends back to this
 * redirect URI, and the library deletes the record when the sign-in completes (and stale ones after
 * 15 minutes).
 *
 * @example
 * const { accessToken, signOut } = await oidcSignIn({ signIn: 'oidc', issuer, clientId, scope: 'openid incident-comms/command', redirectPath: '/console/' });
 * await fetch('/v1/incidents', { method: 'POST', headers: { authorization: `Bearer ${await accessToken()}` }, body });
 *
 * @param {{ issuer: string, clientId: string, scope: string, redirectPath: string }} config
 * @returns {Promise<{ accessToken(): Promise<string>, signOut(): Promise<void> }>}
 */
export async function oidcSignIn(config) {
  for (const field of ['issuer', 'clientId', 'scope', 'redirectPath']) {
    if (typeof config?.[field] !== 'string' || config[field] === '') {
      throw new Error(`/console/config.json has no "${field}": redeploy the stack with auth.consoleClientId set (README, "Commander sign-in").`);
    }
  }
  const redirectUri = new URL(config.redirectPath, window.location.origin).href;
  const manager = new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: redirectUri,
    post_logout_redirect_uri: redirectUri,
    response_type: 'code',
    response_mode: 'query',
    scope: config.scope,
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    // No hidden iframes: the console's CSP frames nothing. Tokens are renewed on demand with the
    // refresh token, or by a new redirect when the provider issued none.
    automaticSilentRenew: false,
    monitorSession: false,
    loadUserInfo: false,
  });

  if (isSignInResponse(window.location.href)) await finishSignIn(manager, config);

  const user = await manager.getUser();
  if (!user || user.expired) return leaveToSignIn(manager);

  return {
    async accessToken() {
      const current = await manager.getUser();
      if (current && !expiresSoon(current)) return current.access_token;
      if (current?.refresh_token) {
        try {
          const renewed = await manager.signinSilent();
          if (renewed && !expiresSoon(renewed)) return renewed.access_token;
        } catch {
          // The refresh token expired or was revoked: sign in again.
        }
      }
      return leaveToSignIn(manager);
    },
    async signOut() {
      if (await manager.metadataService.getEndSessionEndpoint()) {
        await manager.signoutRedirect();
        return;
      }
      await manager.removeUser();
      const logout = await cognitoLogoutUrl(manager, config.clientId, redirectUri);
      window.location.assign(logout ?? redirectUri);
    },
  };
}

/** The provider's answer arrives as `?code=…&state=…`, or `?error=…&state=…`. */
function isSignInResponse(href) {
  const query = new URL(href).searchParams;
  return query.has('state') && (query.has('code') || query.has('error'));
}

async function finishSignIn(manager, config) {
  const answered = window.location.href;
  // The code is single-use, but it should not stay in the address bar, the history or a bookmark.
  window.history.replaceState(window.history.state, '', config.redirectPath);
  let user;
  try {
    user = await manager.signinRedirectCallback(answered);
  } catch (error) {
    throw new Error(`Signing in at ${config.issuer} failed: ${error instanceof Error ? error.message : String(error)}. Reload /console/ to try again.`, { cause: error });
  }
  const returnTo = user.state?.returnTo;
  if (typeof returnTo === 'string' && returnTo.startsWith(config.redirectPath)) window.history.replaceState(window.history.state, '', returnTo);
}

/** Sends the browser to the provider, to come back to where the commander is now; the page is leaving, so this never settles. */
async function leaveToSignIn(manager) {
  const { pathname, search, hash } = window.location;
  await manager.signinRedirect({ state: { returnTo: `${pathname}${search}${hash}` } });
  return new Promise(() => {});
}

function expiresSoon(user) {
  return user.expired || (user.expires_in !== undefined && user.expires_in < renewBeforeSeconds);
}

/**
 * Amazon Cognito publishes no end_session_endpoint; its user pool domain's /logout ends the session
 * there (the console's URL must be one of the app client's allowed sign-out URLs).
 */
async function cognitoLogoutUrl(manager, clientId, redirectUri) {
  const tokenEndpoint = await manager.metadataService.getTokenEndpoint(true);
  if (!tokenEndpoint) return undefined;
  const { hostname, pathname } = new URL(tokenEndpoint);
  // A user pool domain is <prefix>.auth.<region>.amazoncognito.com, or a custom domain serving the same /oauth2/token.
  if (!hostname.endsWith('.amazoncognito.com') && pathname !== '/oauth2/token') return undefined;
  const logout = new URL('/logout', tokenEndpoint);
  logout.searchParams.set('client_id', clientId);
  logout.searchParams.set('logout_uri', redirectUri);
  return logout.href;
}
