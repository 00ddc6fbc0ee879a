import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiEvent } from './http.js';
import { HttpProblem } from './problem.js';

/**
 * How commander routes are guarded. Deployed, API Gateway's JWT authorizer has already verified the
 * token and left its claims on the event; locally, the bearer must equal COMMANDER_TOKEN.
 */
export type CommanderAuth = { mode: 'jwt-authorizer' } | { mode: 'shared-token'; token: string };

export function assertCommander(event: ApiEvent, auth: CommanderAuth): void {
  const authorized =
    auth.mode === 'jwt-authorizer'
      ? event.requestContext.authorizer?.jwt?.claims !== undefined
      : bearerMatches(event.headers['authorization'], auth.token);
  if (!authorized) {
    throw new HttpProblem(401, 'unauthorized', 'this route needs a valid commander token: Authorization: Bearer <token>', undefined, {
      'www-authenticate': 'Bearer realm="incident-comms"',
    });
  }
}

function bearerMatches(header: string | undefined, expected: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return false;
  // Hashing both sides first gives equal-length buffers, so the comparison time says nothing about the token.
  return timingSafeEqual(sha256(match[1]!), sha256(expected));
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
