/**
 * `/console/config.json`, the first thing the commander console (web/console/sign-in.js) reads: how to
 * sign in. The deployed stack writes it (lib/console-site.ts); the local runtime answers it
 * (local/static-site.ts). It is never a file of web/, which would be deployed as it is.
 */

/** The console's page, and where the OIDC provider sends the commander back (an allowed callback of its client). */
export const consoleRedirectPath = '/console/';

/** The key of the document in the status bucket, and its path under the site. */
export const consoleConfigKey = 'console/config.json';

export type ConsoleConfigDocument =
  /** Deployed with `auth.consoleClientId`: authorization code + PKCE against the commanders' issuer. */
  | { readonly signIn: 'oidc'; readonly issuer: string; readonly clientId: string; readonly scope: string; readonly redirectPath: string }
  /** Deployed without it: there is no commander token in a deployment, so the console says what to set. */
  | { readonly signIn: 'unavailable'; readonly reason: string }
  /** The local runtime: the console asks for the local commander token. */
  | { readonly signIn: 'token' };
