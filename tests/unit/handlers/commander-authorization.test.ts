import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createApiDependencies } from '../../../lambdas/handlers/api/create-api-dependencies.js';
import { createApiHandler } from '../../../lambdas/handlers/api/create-api-handler.js';
import { commanderRequirementOf, listClaim } from '../../../lambdas/handlers/api/commander-auth.js';
import { writeRoutes } from '../../../lambdas/handlers/api/write-routes.js';
import { HmacSubscriptionTokens } from '../../../lambdas/adapters/tokens/hmac-subscription-tokens.js';
import { ulidIds } from '../../../lambdas/adapters/ids.js';
import type { ConfigInput } from '../../../lambdas/core/config/config-schema.js';
import { anApiEvent } from '../../support/api-events.js';
import { aConfig, aDeclaration } from '../../support/builders.js';
import { memoryStores } from '../../support/memory/memory-stores.js';
import { RecordingLogger } from '../../support/memory/recording-logger.js';
import { aWebhookWiring } from '../../support/webhook-wiring.js';

// Deployed, API Gateway's JWT authorizer has verified the token before the function runs; a token
// from the right issuer is not yet a commander's. The function checks the scope and the groups again.

function deployedApi(auth: ConfigInput['auth']) {
  const config = aConfig({ auth: { jwtIssuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Nimbus0001', jwtAudience: ['incident-comms'], ...auth } });
  const stores = memoryStores();
  const handle = createApiHandler(
    createApiDependencies({
      ...aWebhookWiring(),
      config,
      stores,
      tokens: async () => new HmacSubscriptionTokens(randomBytes(32)),
      publicBaseUrl: () => 'https://status.nimbus.example',
      auth: { mode: 'jwt-authorizer', requirement: commanderRequirementOf(config) },
      statusMaxAgeMs: 1_000,
      clock: () => new Date('2026-12-02T10:00:00Z'),
      ids: ulidIds,
      logger: new RecordingLogger(),
    }),
    writeRoutes,
  );
  return { handle, stores };
}

/** A declaration as API Gateway hands it over once its authorizer accepted the token with these claims. */
function declarationWith(jwt: { claims: Record<string, unknown>; scopes?: string[] | null } | undefined) {
  const event = anApiEvent({ method: 'POST', path: '/v1/incidents', body: aDeclaration(), headers: { 'idempotency-key': `k-${Math.random()}` } });
  return { ...event, requestContext: { ...event.requestContext, ...(jwt ? { authorizer: { jwt } } : {}) } };
}

describe('a commander route, deployed', () => {
  it('answers 401 when no authorizer claims reached it', async () => {
    const { handle } = deployedApi({ commanderScope: 'incident-comms/command' });
    const answer = await handle(declarationWith(undefined));
    expect(answer.statusCode).toBe(401);
  });

  it('answers 403, and declares nothing, for a valid token without the commander scope', async () => {
    const { handle, stores } = deployedApi({ commanderScope: 'incident-comms/command' });
    const answer = await handle(declarationWith({ claims: { sub: 'customer-42', scope: 'openid profile' }, scopes: ['openid', 'profile'] }));
    expect(answer.statusCode).toBe(403);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.headers['www-authenticate']).toContain('error="insufficient_scope"');
    expect(JSON.parse(answer.body).detail).toContain('incident-comms/command');
    expect(await stores.incidents.listOpen()).toEqual([]);
  });

  it('declares for a token with the scope, read from the authorizer or from the scope and scp claims', async () => {
    const { handle } = deployedApi({ commanderScope: 'incident-comms/command' });
    expect((await handle(declarationWith({ claims: { sub: 'a' }, scopes: ['openid', 'incident-comms/command'] }))).statusCode).toBe(201);
    expect((await handle(declarationWith({ claims: { sub: 'b', scope: 'openid incident-comms/command' } }))).statusCode).toBe(201);
    // Okta's scp is an array, which API Gateway writes as "[a b]".
    expect((await handle(declarationWith({ claims: { sub: 'c', scp: '[openid incident-comms/command]' } }))).statusCode).toBe(201);
  });

  it('answers 403 for a user in none of the commander groups, and declares for one in a group', async () => {
    const { handle } = deployedApi({ commanderGroups: ['incident-commanders', 'sre-leads'] });
    expect((await handle(declarationWith({ claims: { sub: 'a', 'cognito:groups': '[customers]' } }))).statusCode).toBe(403);
    expect((await handle(declarationWith({ claims: { sub: 'b' } }))).statusCode).toBe(403);
    expect((await handle(declarationWith({ claims: { sub: 'c', 'cognito:groups': '[customers sre-leads]' } }))).statusCode).toBe(201);
    // Okta's groups claim.
    expect((await handle(declarationWith({ claims: { sub: 'd', groups: '[incident-commanders]' } }))).statusCode).toBe(201);
  });

  it('wants both the scope and a group when both are configured, reading the groups from the configured claim', async () => {
    const { handle } = deployedApi({ commanderScope: 'command', commanderGroups: ['commanders'], groupsClaim: 'https://nimbus.chat/roles' });
    expect((await handle(declarationWith({ claims: { sub: 'a', 'https://nimbus.chat/roles': '[commanders]' } }))).statusCode).toBe(403);
    expect((await handle(declarationWith({ claims: { sub: 'b', 'cognito:groups': '[commanders]' }, scopes: ['command'] }))).statusCode).toBe(403);
    expect((await handle(declarationWith({ claims: { sub: 'c', 'https://nimbus.chat/roles': '[commanders]' }, scopes: ['command'] }))).statusCode).toBe(201);
  });

  it('leaves public routes open to anyone', async () => {
    const { handle } = deployedApi({ commanderScope: 'incident-comms/command' });
    expect((await handle(anApiEvent({ path: '/v1/openapi.json' }))).statusCode).toBe(200);
  });
});

describe('a list claim', () => {
  it.each([
    ['[a b]', ['a', 'b']],
    ['a b', ['a', 'b']],
    [['a', 'b'], ['a', 'b']],
    ['[]', []],
    [undefined, []],
    [42, []],
  ])('%j reads as %j', (claim, expected) => {
    expect(listClaim(claim)).toEqual(expected);
  });
});
