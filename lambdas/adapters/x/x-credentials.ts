import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod/mini';
import '../../core/validation/english-issues.js';

/** OAuth 1.0a user-context credentials of the X account that posts (the secret's JSON). */
export interface XCredentials {
  appKey: string;
  appSecret: string;
  accessToken: string;
  accessSecret: string;
}

// The stack creates the secret with empty values (and a generated accessSecret) for the operator to fill.
const placeholder = /^(|<.*>|changeme|change[-_ ]me|replace[-_ ]?me|placeholder|todo|x+)$/i;
const credential = z.string().check(z.trim(), z.refine((value) => !placeholder.test(value)));
const credentialsSchema = z.object({ appKey: credential, appSecret: credential, accessToken: credential, accessSecret: credential });

/**
 * Reads the X credentials from Secrets Manager; `undefined` when the secret still holds the
 * placeholder (or misses a value), which means "no credentials", not an error to retry.
 *
 * @example
 * const credentials = await readXCredentials(new SecretsManagerClient({}), process.env.X_SECRET_ARN!);
 */
export async function readXCredentials(secrets: SecretsManagerClient, secretId: string): Promise<XCredentials | undefined> {
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: secretId }));
  if (!SecretString) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(SecretString);
  } catch {
    // The parser's message would quote the secret; say nothing about its content.
    return undefined;
  }
  const result = credentialsSchema.safeParse(parsed);
  return result.success ? result.data : undefined;
}
