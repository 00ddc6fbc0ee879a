import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../lib/lambda-function.js';
import { freePort } from '../../local/free-port.js';
import { apiClient } from '../support/api-client.js';
import { aDeclaration, anUpdateBody } from '../support/builders.js';
import { eventually } from '../support/eventually.js';
import { exclusiveLock } from '../support/exclusive-lock.js';
import { mailsIn, xPostsIn } from '../support/outbox.js';
import { printedBanner } from '../support/printed-banner.js';

// The local runtime as `npm start --data-dir` runs it, in its own process, killed with SIGKILL in
// the middle of a commander's burst of updates and started again over the same data: DynamoDB
// Local's files, the queues' journals and the outbox are all that survive.

const commanderToken = 'crash-commander';
const started: ChildProcess[] = [];

afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

interface Runtime {
  child: ChildProcess;
  output: () => string;
}

/** `npm start --data-dir` (its entry, without the first-run install check), ready once its banner is out. */
async function startRuntime(options: { dataDir: string; outboxDir: string; port: number }): Promise<Runtime> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts', '--data-dir', options.dataDir], {
    cwd: projectRoot,
    env: { ...process.env, PORT: String(options.port), COMMANDER_TOKEN: commanderToken, OUTBOX_DIR: options.outboxDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  const { output } = await printedBanner(child, 'Ctrl-C stops everything', 60_000);
  return { child, output };
}

/** The DynamoDB Local processes serving `dataDir` (the runtime's watchdog stops them once the runtime is gone). */
function enginesOver(dataDir: string): number[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes('DynamoDBLocal.jar') && line.includes(dataDir))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}


type Row = { seq: number; channel: string; locale: string; state: string };

// Not beside tests/hostile/dynamodb-local-restart.test.ts: see exclusiveLock.
let releaseEngineRestarts: (() => void) | undefined;
beforeAll(async () => {
  releaseEngineRestarts = await exclusiveLock('engine-restarts');
}, 600_000);
afterAll(() => releaseEngineRestarts?.());

describe('kill -9 of the local runtime during 30 rapid updates, then a restart over the same --data-dir', () => {
  it('sends every delivery within a minute of the restart, X and in-app exactly once, email at most once more per crash', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'crash-data-'));
    const outboxDir = mkdtempSync(join(tmpdir(), 'crash-outbox-'));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const api = apiClient(url, commanderToken);
    const first = await startRuntime({ dataDir, outboxDir, port });

    // Two readers, one per language, subscribed and confirmed as a customer would.
    for (const [email, locale] of [['ana@example.com', 'en'], ['budi@example.com', 'id']] as const) {
      expect((await api.call('POST', '/v1/subscriptions', { email, locale })).status).toBe(202);
      const confirmation = await eventually(async () => (await mailsIn(outboxDir)).find((mail) => mail.to === email), Boolean, 20_000);
      const link = /(http:\/\/\S+\/v1\/subscriptions\/confirm\?token=[^\s"<>]+)/.exec(confirmation!.text)![1]!;
      expect((await fetch(link, { headers: { accept: 'application/json' } })).status).toBe(200);
    }

    const declared = await api.declare(aDeclaration(), { 'Idempotency-Key': 'crash-update-1' });
    expect(declared.status).toBe(201);
    const id = declared.json.id as string;
    const update = (n: number) => api.update(id, anUpdateBody({ message: `Update ${n}: we are rolling the change back, region by region.` }), { 'Idempotency-Key': `crash-update-${n}` });
    for (let n = 2; n <= 15; n++) expect((await update(n)).status).toBe(201);
    // The 16th is on its way when the process dies: the commander cannot know whether it landed.
    const inFlight = update(16).catch(() => undefined);
    first.child.kill('SIGKILL');
    await inFlight;
    await eventually(async () => enginesOver(dataDir), (pids) => pids.length === 0, 10_000);

    await startRuntime({ dataDir, outboxDir, port });
    const restartedAt = Date.now();
    // The commander sends the 16th again with its key, then the rest.
    expect([200, 201]).toContain((await update(16)).status);
    for (let n = 17; n <= 30; n++) expect((await update(n)).status).toBe(201);

    const rows = await eventually(
      async () => ((await api.get(`/v1/incidents/${id}/deliveries`)).json.items as Row[]) ?? [],
      (items) => items.length === 30 * 7 && items.every((row) => row.state === 'sent'),
      90_000,
    );
    const settledWithin = Date.now() - restartedAt;
    expect(rows.filter((row) => row.state !== 'sent')).toEqual([]);
    // Seven deliveries per update: X in English, in-app, email and webhooks in both languages.
    expect(rows).toHaveLength(30 * 7);
    expect(settledWithin).toBeLessThan(60_000);

    const timeline = (await api.get(`/v1/incidents/${id}`)).json.updates as { id: string; seq: number }[];
    expect(timeline.map((entry) => entry.seq)).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
    const posts = xPostsIn(outboxDir).filter((post) => post.incidentId === id);
    expect(posts.map((post) => post.updateId).sort()).toEqual(timeline.map((entry) => entry.id).sort());
    for (const locale of ['en', 'id']) {
      const feed = (await api.get(`/v1/feed?locale=${locale}&limit=100`)).json.items as { updateId: string }[];
      expect(feed.map((item) => item.updateId).sort()).toEqual(timeline.map((entry) => entry.id).sort());
    }
    // Mail: SES takes no idempotency key, so a worker killed between a send and its record repeats that one mail
    // (docs/design.md); every update reaches each reader, and one crash repeats at most a mail per sender at work.
    const mails = (await mailsIn(outboxDir)).filter((mail) => mail.headers.get('x-ses-tag-incidentid') === id);
    for (const reader of ['ana@example.com', 'budi@example.com']) {
      const seqs = mails.filter((mail) => mail.to === reader).map((mail) => Number(mail.headers.get('x-ses-tag-seq')));
      expect(new Set(seqs).size).toBe(30);
      expect(seqs.length - 30).toBeLessThanOrEqual(2);
    }
    console.log(`crash: every delivery sent ${(settledWithin / 1000).toFixed(1)} s after the restart; ${mails.length - 60} mail(s) repeated`);
  }, 240_000);
});
