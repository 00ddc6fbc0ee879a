import { execFileSync, spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../local/free-port.js';
import { printedBanner } from '../support/printed-banner.js';

const started: ChildProcess[] = [];

afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Runs `npm start`'s entry as a person would, and waits for its ready banner. */
async function npmStart() {
  const port = await freePort();
  const child = spawn(process.execPath, ['local/bootstrap.mjs', 'start'], {
    env: { ...process.env, PORT: String(port), COMMANDER_TOKEN: 'walkthrough', OUTBOX_DIR: mkdtempSync(join(tmpdir(), 'npm-start-')) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  const { output } = await printedBanner(child, 'Ctrl-C stops everything', 60_000);
  return { child, port, output };
}

function descendants(pid: number): { pid: number; args: string }[] {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ pid: Number(match[1]), ppid: Number(match[2]), args: match[3]! }));
  const found: { pid: number; args: string }[] = [];
  const visit = (parent: number) => {
    for (const row of table.filter((candidate) => candidate.ppid === parent)) {
      found.push(row);
      visit(row.pid);
    }
  };
  visit(pid);
  return found;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function eventually(check: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((done) => setTimeout(done, 100));
  }
  return check();
}

describe('npm start', () => {
  it('prints the URL, the token and a curl that works, then stops DynamoDB Local on Ctrl-C', async () => {
    const { child, port, output } = await npmStart();
    expect(output()).toContain(`http://127.0.0.1:${port}/`);
    expect(output()).toContain('commander token walkthrough');
    expect(output()).toMatch(/webhooks +delivered for real to the registered URLs/);
    const curl = /curl -s -X POST [\s\S]*?\}\]\}'/.exec(output())![0].replace(/\\\n\s*/g, '');
    const declared = JSON.parse(execFileSync('bash', ['-c', curl], { encoding: 'utf8' }));
    expect(declared.status).toBe('investigating');

    const java = descendants(child.pid!).find((process) => process.args.includes('DynamoDBLocal'));
    expect(java).toBeDefined();
    process.kill(child.pid!, 'SIGINT');
    expect(await eventually(() => child.exitCode !== null)).toBe(true);
    expect(child.exitCode).toBe(0);
    expect(await eventually(() => !isAlive(java!.pid))).toBe(true);
  }, 90_000);

  it('DynamoDB Local does not outlive a runtime that is killed outright', async () => {
    const { child } = await npmStart();
    const runtime = descendants(child.pid!).find((process) => process.args.includes('local/main.ts'))!;
    const java = descendants(runtime.pid).find((process) => process.args.includes('DynamoDBLocal'))!;
    process.kill(runtime.pid, 'SIGKILL');
    expect(await eventually(() => !isAlive(java.pid))).toBe(true);
  }, 90_000);
});

describe('npm start without Java', () => {
  it('stops with one clear line saying what to install', () => {
    const onlyNode = mkdtempSync(join(tmpdir(), 'no-java-'));
    symlinkSync(process.execPath, join(onlyNode, 'node'));
    const result = spawnSync(join(onlyNode, 'node'), ['local/bootstrap.mjs', 'start'], { env: { PATH: onlyNode }, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/Java was not found.*install a Java 17\+ runtime.*default-jre-headless/);
  });
});
