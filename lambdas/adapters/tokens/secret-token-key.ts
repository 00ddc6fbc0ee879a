import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { minimumTokenKeyBytes } from './hmac-subscription-tokens.js';

/**
 * The subscription token key from its Secrets Manager secret (`TOKEN_SECRET_ARN`): the bytes of the
 * secret's `SecretString`, at least 32 of them. The returned function reads the secret on its first
 * call, not before (a cold start does not wait for Secrets Manager, and routes that need no token
 * never do), then answers the same key for the life of the container; a failed read is tried again
 * on the next call.
 *
 * @example
 * const tokenKey = secretTokenKey(new SecretsManagerClient({}), process.env.TOKEN_SECRET_ARN!);
 * const tokens = new HmacSubscriptionTokens(await tokenKey());
 */
export function secretTokenKey(secrets: SecretsManagerClient, secretArn: string): () => Promise<Uint8Array> {
  let key: Promise<Uint8Array> | undefined;
  return () => {
    key ??= read(secrets, secretArn).catch((error: unknown) => {
      key = undefined;
      throw error;
    });
    return key;
  };
}

async function read(secrets: SecretsManagerClient, secretArn: string): Promise<Uint8Array> {
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: secretArn }));
  const key = Buffer.from(SecretString ?? '', 'utf8');
  if (key.byteLength < minimumTokenKeyBytes) {
    // Never quote the secret: say only what is wrong with it and how to mend it.
    throw new Error(
      `the subscription token secret ${secretArn} holds ${key.byteLength} bytes; it needs a SecretString of at least ${minimumTokenKeyBytes} random bytes ` +
        `(e.g. aws secretsmanager put-secret-value --secret-id ${secretArn} --secret-string "$(openssl rand -base64 48)"). ` +
        'Changing it invalidates every link in mails already sent.',
    );
  }
  return key;
}
