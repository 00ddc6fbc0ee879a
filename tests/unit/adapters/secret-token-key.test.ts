import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { secretSubscriptionTokens } from '../../../lambdas/adapters/tokens/secret-subscription-tokens.js';
import { secretTokenKey } from '../../../lambdas/adapters/tokens/secret-token-key.js';

const secrets = mockClient(SecretsManagerClient);
const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:token-key';
const client = () => new SecretsManagerClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });

beforeEach(() => secrets.reset());

describe('the token key from Secrets Manager', () => {
  it('reads nothing until it is first asked, then reads once per container', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: 'k'.repeat(48) });
    const key = secretTokenKey(client(), arn);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(0);
    const [first, second] = await Promise.all([key(), key()]);
    expect(Buffer.from(first).toString()).toBe('k'.repeat(48));
    expect(await key()).toBe(first);
    expect(second).toBe(first);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(secrets.commandCalls(GetSecretValueCommand)[0]!.args[0].input).toEqual({ SecretId: arn });
  });

  it('refuses a secret under 32 bytes with what to do, without quoting it', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: 'short-secret' });
    const failure = await secretTokenKey(client(), arn)().catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/holds 12 bytes; it needs a SecretString of at least 32 random bytes/);
    expect((failure as Error).message).toContain('put-secret-value');
    expect((failure as Error).message).not.toContain('short-secret');
  });

  it('tries again on the next call after a failed read', async () => {
    secrets.on(GetSecretValueCommand).rejectsOnce(new Error('throttled')).resolves({ SecretString: 'k'.repeat(32) });
    const key = secretTokenKey(client(), arn);
    await expect(key()).rejects.toThrow('throttled');
    await expect(key()).resolves.toHaveLength(32);
  });
});

describe('the deployed subscription tokens', () => {
  it('sign with the secret once read, the same tokens for every call', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: 'k'.repeat(48) });
    const tokens = secretSubscriptionTokens(client(), arn);
    const first = await tokens();
    expect(await tokens()).toBe(first);
    expect(first.read(first.issue('manage', 'sub_1', 0), 'manage')).toEqual({ subscriberId: 'sub_1', generation: 0 });
  });

  it('say which variable is missing when the stack set no secret', async () => {
    await expect(secretSubscriptionTokens(client(), undefined)()).rejects.toThrow(/TOKEN_SECRET_ARN is not set/);
  });
});
