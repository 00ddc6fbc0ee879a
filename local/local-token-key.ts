import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { minimumTokenKeyBytes } from '../lambdas/adapters/tokens/hmac-subscription-tokens.js';

/** Beside DynamoDB Local's data, so the links in the outbox's mails live exactly as long as the subscribers. */
const keyFileName = 'subscription-token.key';

/**
 * The local runtime's subscription token key: 32 random bytes for this run, or, with `--data-dir`,
 * the key kept in that folder (made on the first start), so the links in mails written before a
 * restart still work after it.
 *
 * @example
 * const tokens = new HmacSubscriptionTokens(await localTokenKey(options.dataDir));
 */
export async function localTokenKey(dataDir?: string): Promise<Uint8Array> {
  if (dataDir === undefined) return randomBytes(minimumTokenKeyBytes);
  const file = join(dataDir, keyFileName);
  try {
    const key = await readFile(file);
    if (key.byteLength < minimumTokenKeyBytes) {
      throw new Error(`${file} holds ${key.byteLength} bytes, not a token key; delete it to make a new one (links in mails written so far stop working)`);
    }
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(minimumTokenKeyBytes);
  // `wx`: of two runtimes starting on one folder at once, the second reads the first one's key.
  try {
    await writeFile(file, key, { flag: 'wx', mode: 0o600 });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFile(file);
    throw error;
  }
}
