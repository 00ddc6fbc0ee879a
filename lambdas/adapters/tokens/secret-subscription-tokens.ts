import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { environmentVariables } from '../../core/deployment/environment-variables.js';
import type { SubscriptionTokens } from '../../core/ports/subscription-tokens.js';
import { HmacSubscriptionTokens } from './hmac-subscription-tokens.js';
import { secretTokenKey } from './secret-token-key.js';

/**
 * The deployed subscription tokens, keyed by the Secrets Manager secret `TOKEN_SECRET_ARN` names.
 * Nothing is read until the first call (a cold start never waits for Secrets Manager, and a
 * function's routes that need no token never depend on it); from then on every call answers the
 * same tokens for the life of the container. A failed read is tried again on the next call.
 * `secretArn` undefined (the stack set no secret) fails each call with what to do.
 *
 * @example
 * const tokens = secretSubscriptionTokens(new SecretsManagerClient({}), process.env.TOKEN_SECRET_ARN);
 * const token = (await tokens()).issue('manage', subscriber.id, subscriber.tokenGeneration);
 */
export function secretSubscriptionTokens(secrets: SecretsManagerClient, secretArn: string | undefined): () => Promise<SubscriptionTokens> {
  if (secretArn === undefined) {
    const missing = `${environmentVariables.tokenSecretArn} is not set; subscription links are signed with the key in that secret. The stack sets it on the function (lib/).`;
    return () => Promise.reject(new Error(missing));
  }
  const key = secretTokenKey(secrets, secretArn);
  let tokens: HmacSubscriptionTokens | undefined;
  return async () => (tokens ??= new HmacSubscriptionTokens(await key()));
}
