import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { environmentVariables } from '../../core/deployment/environment-variables.js';
import type { WebhookSecrets } from '../../core/ports/webhook-secrets.js';
import { HmacWebhookSecrets } from './hmac-webhook-secrets.js';
import { secretTokenKey } from './secret-token-key.js';

/**
 * The deployed webhook secrets, keyed by the token secret `TOKEN_SECRET_ARN` names, read on first
 * use and kept for the life of the container (as `secretSubscriptionTokens`).
 *
 * @example
 * const secrets = secretWebhookSecrets(new SecretsManagerClient({}), process.env.TOKEN_SECRET_ARN);
 * (await secrets()).secretFor('whk_01J…');
 */
export function secretWebhookSecrets(secrets: SecretsManagerClient, secretArn: string | undefined): () => Promise<WebhookSecrets> {
  if (secretArn === undefined) {
    const missing = `${environmentVariables.tokenSecretArn} is not set; webhook signing secrets are derived from the key in that secret. The stack sets it on the function (lib/).`;
    return () => Promise.reject(new Error(missing));
  }
  const key = secretTokenKey(secrets, secretArn);
  let derived: HmacWebhookSecrets | undefined;
  return async () => (derived ??= new HmacWebhookSecrets(await key()));
}
