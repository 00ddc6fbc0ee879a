import { describe, expect, it } from 'vitest';
import type { DynamoDbLocal } from '../../../local/dynamodb-local.js';
import { startSupervisedDynamoDbLocal } from '../../../local/supervised-dynamodb-local.js';

type Exit = Awaited<DynamoDbLocal['exited']>;

/** Engines that start as told and die when the test says. */
function fakeEngines(startResults: ('starts' | 'fails')[] = []) {
  const started: { port: number | undefined; dataDir: string | undefined; die: (exit: Exit) => void }[] = [];
  let calls = 0;
  const start = async (options: { dataDir?: string; port?: number } = {}): Promise<DynamoDbLocal> => {
    const result = startResults[calls++] ?? 'starts';
    if (result === 'fails') throw new Error('DynamoDB Local exited (code 1) before it was ready\nAddress already in use');
    let die!: (exit: Exit) => void;
    const exited = new Promise<Exit>((done) => (die = done));
    started.push({ port: options.port, dataDir: options.dataDir, die });
    return { endpoint: `http://127.0.0.1:${options.port ?? 8123}`, pid: 1000 + calls, exited, stop: async () => die({ code: 0, signal: null, stopped: true }) };
  };
  return { start, started };
}

const killed: Exit = { code: null, signal: 'SIGKILL', stopped: false };
const settle = () => new Promise((done) => setTimeout(done, 5));
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition() && Date.now() < deadline) await settle();
}

describe('DynamoDB Local under supervision', () => {
  it('is started again on the same port over the same data when it dies', async () => {
    const engines = fakeEngines();
    const lines: string[] = [];
    const gone: Error[] = [];
    const engine = await startSupervisedDynamoDbLocal({ dataDir: '.data', log: (line) => lines.push(line), onGone: (error) => gone.push(error), start: engines.start, restartDelaysMs: [1] });
    engines.started[0]!.die(killed);
    await until(() => lines.length === 2);
    expect(engines.started.map(({ port, dataDir }) => ({ port, dataDir }))).toEqual([
      { port: undefined, dataDir: '.data' },
      { port: 8123, dataDir: '.data' },
    ]);
    expect(engine.endpoint).toBe('http://127.0.0.1:8123');
    expect(engine.pid).toBe(1002);
    expect(lines).toEqual(['DynamoDB Local stopped (signal SIGKILL); restarting it on port 8123 over .data', 'DynamoDB Local is back on port 8123']);
    expect(gone).toEqual([]);

    // And again: each new engine is watched too.
    engines.started[1]!.die(killed);
    await until(() => engines.started.length === 3);
    expect(engines.started).toHaveLength(3);
    await engine.stop();
  });

  it('keeps trying while a restart fails, and gives up with the reason after the last attempt', async () => {
    const engines = fakeEngines(['starts', 'fails', 'fails', 'fails']);
    const gone: Error[] = [];
    const lines: string[] = [];
    await startSupervisedDynamoDbLocal({ dataDir: '.data', log: (line) => lines.push(line), onGone: (error) => gone.push(error), start: engines.start, restartDelaysMs: [1, 1, 1] });
    engines.started[0]!.die({ code: 137, signal: null, stopped: false });
    await until(() => gone.length > 0);
    expect(lines.filter((line) => line.startsWith('DynamoDB Local did not start again'))).toHaveLength(3);
    expect(gone.map((error) => error.message)).toEqual([expect.stringMatching(/^DynamoDB Local stopped \(exit code 137\) and did not start again after 3 attempts: [\s\S]*Address already in use/)]);
  });

  it('in memory, says the data is gone and how to keep it next time, rather than serve an empty table', async () => {
    const engines = fakeEngines();
    const gone: Error[] = [];
    await startSupervisedDynamoDbLocal({ log: () => {}, onGone: (error) => gone.push(error), start: engines.start, restartDelaysMs: [1] });
    engines.started[0]!.die(killed);
    await until(() => gone.length > 0);
    expect(engines.started).toHaveLength(1);
    expect(gone.map((error) => error.message)).toEqual([expect.stringContaining('in-memory data went with it. Start again with npm start (add --data-dir DIR')]);
  });

  it('does nothing when it was stopped on purpose', async () => {
    const engines = fakeEngines();
    const gone: Error[] = [];
    const engine = await startSupervisedDynamoDbLocal({ dataDir: '.data', log: () => {}, onGone: (error) => gone.push(error), start: engines.start, restartDelaysMs: [1] });
    await engine.stop();
    await settle();
    expect(engines.started).toHaveLength(1);
    expect(gone).toEqual([]);
  });
});
