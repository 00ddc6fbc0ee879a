import type { Config } from '../../core/config/config-schema.js';
import type { ApiEvent } from './http.js';
import { HttpProblem } from './problem.js';
import { secretsMatch } from './secrets-match.js';

/** What makes a verified token a commander's (`auth.commanderScope`, `auth.commanderGroups`); each one set must hold. */
export interface CommanderRequirement {
  readonly scope?: string;
  readonly groups?: readonly string[];
  /** The claims a token's groups are read from, the first present one winning. */
  readonly groupsClaims: readonly string[];
}

/**
 * How commander routes are guarded. Deployed, API Gateway's JWT authorizer has verified the token
 * (signature, issuer, audience, expiry, and the scope) and left its claims on the event; the function
 * checks the scope and the groups again, so a route added without the authorizer's scope, or a
 * groups rule the authorizer cannot express, still refuses. Locally, the bearer must equal COMMANDER_TOKEN.
 */
export type CommanderAuth = { mode: 'jwt-authorizer'; requirement: CommanderRequirement } | { mode: 'shared-token'; token: string };

/** Groups claims tried when `auth.groupsClaim` names none: Cognito's, then the one Okta and most others use. */
export const defaultGroupsClaims = ['cognito:groups', 'groups'] as const;

export function commanderRequirementOf(config: Pick<Config, 'auth'>): CommanderRequirement {
  const { commanderScope, commanderGroups, groupsClaim } = config.auth;
  return {
    ...(commanderScope ? { scope: commanderScope } : {}),
    ...(commanderGroups?.length ? { groups: commanderGroups } : {}),
    groupsClaims: groupsClaim ? [groupsClaim] : defaultGroupsClaims,
  };
}

/** `401` without a valid token; `403` with a valid token that is not a commander's. */
export function assertCommander(event: ApiEvent, auth: CommanderAuth): void {
  if (auth.mode === 'shared-token') {
    if (!bearerMatches(event.headers['authorization'], auth.token)) throw unauthorized();
    return;
  }
  const jwt = event.requestContext.authorizer?.jwt;
  if (!jwt) throw unauthorized();
  const { scope, groups, groupsClaims } = auth.requirement;
  if (scope !== undefined && !scopesOf(jwt).includes(scope)) {
    throw forbidden(`the token lacks the commander scope "${scope}"`, `Bearer realm="incident-comms", error="insufficient_scope", scope="${scope}"`);
  }
  if (groups !== undefined) {
    const claim = groupsClaims.find((name) => jwt.claims[name] !== undefined);
    const held = claim === undefined ? [] : listClaim(jwt.claims[claim]);
    if (!groups.some((group) => held.includes(group))) {
      throw forbidden(`the token's user is in none of the commander groups (${groups.join(', ')})`, 'Bearer realm="incident-comms", error="insufficient_scope"');
    }
  }
}

/** The authorizer's own reading of `scope`/`scp` when it gives one, else the claims themselves. */
function scopesOf(jwt: { claims: Record<string, unknown>; scopes?: string[] | null | undefined }): string[] {
  if (jwt.scopes) return jwt.scopes;
  return [...listClaim(jwt.claims['scope']), ...listClaim(jwt.claims['scp'])];
}

/**
 * A list claim as API Gateway hands it over: `"[a b]"` for a JSON array, a space-separated string
 * for an OAuth `scope`, or (in tests and other gateways) the array itself.
 */
export function listClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value !== 'string') return [];
  const inner = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  return inner.split(/\s+/).filter((item) => item.length > 0);
}

function unauthorized(): HttpProblem {
  return new HttpProblem(401, 'unauthorized', 'this route needs a valid commander token: Authorization: Bearer <token>', undefined, {
    'www-authenticate': 'Bearer realm="incident-comms"',
  });
}

function forbidden(detail: string, challenge: string): HttpProblem {
  return new HttpProblem(403, 'not-a-commander', `${detail}: only incident commanders may use this route`, undefined, { 'www-authenticate': challenge });
}

function bearerMatches(header: string | undefined, expected: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return secretsMatch(match?.[1], expected);
}
