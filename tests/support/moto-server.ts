import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../local/free-port.js';
import type { PythonTool } from './python-tool.js';

export interface MotoServer {
  /** `http://127.0.0.1:<port>`: what AWS_ENDPOINT_URL points the SDK clients at. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** moto imports every service's backend before it listens: seconds on a busy machine. */
const startupLimitMs = 60_000;

/**
 * Starts moto's server (SNS, SQS, DynamoDB and its streams, Secrets Manager, …) on a free loopback
 * port, with state of its own: give each test file one, so files running side by side share nothing.
 *
 * @example
 * const moto = await startMotoServer(findPythonTool('moto')!);
 * afterAll(() => moto.stop());
 */
export async function startMotoServer(tool: PythonTool): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(tool.command, [...tool.args, '-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  // Each request is logged on stderr; only the start matters (why it failed to listen, if it did).
  child.stderr.on('data', (chunk: Buffer) => (output = `${output}${chunk.toString('utf8')}`.slice(-4_000)));
  let failure: Error | undefined;
  const exited = new Promise<void>((done) => {
    child.once('exit', () => done());
    child.once('error', (error) => {
      failure = error;
      done();
    });
  });
  // A worker that dies without its afterAll must not leave the server behind.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    if (!failure && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };

  const deadline = Date.now() + startupLimitMs;
  while (Date.now() < deadline) {
    if (failure) throw new Error(`could not start moto's server (${tool.command} ${tool.args.join(' ')}): ${failure.message}`);
    if (child.exitCode !== null) throw new Error(`moto's server exited (${child.exitCode}) before it listened on ${endpoint}:\n${output}`);
    try {
      if ((await fetch(`${endpoint}/moto-api/`)).ok) return { endpoint, stop };
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  await stop();
  throw new Error(`moto's server did not answer on ${endpoint} within ${startupLimitMs / 1000} s:\n${output}`);
}
