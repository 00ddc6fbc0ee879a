import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Holds a lock shared by every vitest worker of this machine until `release` is called: for test
 * files that must not overlap. The two files that kill a DynamoDB Local and start one again cannot
 * run side by side: the engine restarted on its old port can find that port taken by the other
 * file's new engine, and then one runtime reads and writes the other's tables. `mkdir` is atomic; a
 * lock whose holder process has gone is taken over.
 *
 * @example
 * let release: () => void;
 * beforeAll(async () => (release = await exclusiveLock('engine-restarts')), 600_000);
 * afterAll(() => release());
 */
export async function exclusiveLock(name: string, pollMs = 250): Promise<() => void> {
  const directory = join(tmpdir(), `incident-comms-test-lock-${name}`);
  const owner = join(directory, 'pid');
  for (;;) {
    try {
      mkdirSync(directory);
      writeFileSync(owner, String(process.pid));
      return () => rmSync(directory, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (holderIsGone(owner)) rmSync(directory, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
}

function holderIsGone(owner: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(owner, 'utf8'));
  } catch {
    // Created, pid not written yet: give its holder the moment it needs.
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}
