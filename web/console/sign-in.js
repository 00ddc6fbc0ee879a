// @ts-check
// How the console gets the commander's bearer token. `/console/config.json` chooses: absent, or
// `{ "signIn": "token" }`, is the local token mode (a form; the token lives in this module only, never
// in localStorage or sessionStorage, so it dies with the tab); `{ "signIn": "oidc", … }` hands over
// to oidc-sign-in.js, which the deployed stack ships; `{ "signIn": "unavailable", "reason" }` (deployed
// without a console client) says why nobody can sign in.

/** @typedef {{ accessToken(): Promise<string>, signOut(): Promise<void> }} Session */
/** @typedef {{ signIn?: string } & Record<string, unknown>} ConsoleConfig */

/** The console's sign-in configuration; token mode when there is none. @returns {Promise<ConsoleConfig>} */
export async function readConsoleConfig() {
  try {
    const response = await fetch('/console/config.json', { cache: 'no-store' });
    if (!response.ok) return { signIn: 'token' };
    return /** @type {ConsoleConfig} */ (await response.json());
  } catch {
    return { signIn: 'token' };
  }
}

/**
 * Signs the commander in as the configuration says.
 * @param {ConsoleConfig} config
 * @param {() => Promise<string>} askForToken shows the token form and resolves with what was typed
 * @returns {Promise<Session>}
 * @example
 * const session = await signIn(await readConsoleConfig(), showTokenForm);
 * fetch('/v1/scenarios', { headers: { authorization: `Bearer ${await session.accessToken()}` } });
 */
export async function signIn(config, askForToken) {
  if (config.signIn === 'oidc') {
    // Loaded only deployed: locally config.json says token, and the OIDC library is never fetched.
    const { oidcSignIn } = await import('./oidc-sign-in.js');
    return oidcSignIn(/** @type {any} */ (config));
  }
  if (config.signIn === 'unavailable') throw new SignInUnavailable(String(config['reason'] ?? 'sign-in is not configured for this deployment'));
  return tokenSession(await askForToken());
}

/** @param {string} token @returns {Session} */
function tokenSession(token) {
  /** @type {string | null} */
  let held = token;
  return {
    accessToken: async () => {
      if (held === null) throw new Error('signed out');
      return held;
    },
    signOut: async () => {
      held = null;
    },
  };
}

/** The deployment has no way to sign in (no console client configured): the console says why. */
export class SignInUnavailable extends Error {}
