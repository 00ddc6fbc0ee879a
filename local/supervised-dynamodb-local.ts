import { startDynamoDbLocal } from './dynamodb-local.js';
import type { DynamoDbLocal } from './dynamodb-local.js';

export interface SupervisedDynamoDbLocalOptions {
  /** Where the data lives; without it the engine keeps everything in memory and cannot be restarted usefully. */
  dataDir?: string;
  log: (line: string) => void;
  /**
   * Called once when the engine is gone for good: it died in memory (its data with it), or kept
   * failing to restart. The runtime cannot go on; `npm start` says so and exits.
   */
  onGone: (reason: Error) => void;
  /** Called after each restart, once the engine answers again. */
  onRestarted?: () => void;
  /** How long to wait before each restart attempt; the attempts stop after the last. */
  restartDelaysMs?: readonly number[];
  /** Starts the engine (tests replace it). */
  start?: typeof startDynamoDbLocal;
}

/** 1 s, then 2, 4, 8 and 16: half a minute of trying, which a Java start (about 5 s) fits into many times over. */
const defaultRestartDelaysMs = [1_000, 2_000, 4_000, 8_000, 16_000];

/**
 * DynamoDB Local, watched: if the Java process dies (killed, out of memory) while the runtime runs,
 * it is started again on the same port over the same `--data-dir`, so every client, the stream
 * poller included, carries on where it was; the API serves the last good status meanwhile and the
 * queues retry. In memory there is nothing to come back to, so the runtime is told to stop instead
 * of serving an empty table.
 *
 * @example
 * const dynamo = await startSupervisedDynamoDbLocal({ dataDir: '.data', log: console.log, onGone: (error) => exit(error) });
 */
export async function startSupervisedDynamoDbLocal(options: SupervisedDynamoDbLocalOptions): Promise<DynamoDbLocal> {
  const start = options.start ?? startDynamoDbLocal;
  const delays = options.restartDelaysMs ?? defaultRestartDelaysMs;
  let current = await start({ dataDir: options.dataDir });
  const port = Number(new URL(current.endpoint).port);
  let stopped = false;

  const watch = (engine: DynamoDbLocal): void => {
    void engine.exited.then(async ({ code, signal, stopped: stoppedOnPurpose }) => {
      if (stoppedOnPurpose || stopped) return;
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      if (!options.dataDir) {
        options.onGone(
          new Error(`DynamoDB Local stopped (${how}) and its in-memory data went with it. Start again with npm start (add --data-dir DIR to keep data across restarts).`),
        );
        return;
      }
      options.log(`DynamoDB Local stopped (${how}); restarting it on port ${port} over ${options.dataDir}`);
      let lastError: unknown;
      for (const delayMs of delays) {
        await new Promise((done) => setTimeout(done, delayMs));
        if (stopped) return;
        try {
          current = await start({ dataDir: options.dataDir, port });
          options.log(`DynamoDB Local is back on port ${port}`);
          watch(current);
          options.onRestarted?.();
          return;
        } catch (error) {
          lastError = error;
          options.log(`DynamoDB Local did not start again: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
        }
      }
      options.onGone(new Error(`DynamoDB Local stopped (${how}) and did not start again after ${delays.length} attempts: ${String(lastError)}`));
    });
  };
  watch(current);

  return {
    endpoint: current.endpoint,
    get pid() {
      return current.pid;
    },
    get exited() {
      return current.exited;
    },
    async stop() {
      stopped = true;
      await current.stop();
    },
  };
}
