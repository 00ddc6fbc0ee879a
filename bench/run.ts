import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../lambdas/core/config/config-schema.js';
import { loadConfigFile } from '../lambdas/adapters/config-file.js';
import { startDynamoDbLocal } from '../local/dynamodb-local.js';
import { startLocalRuntime } from '../local/start-local-runtime.js';
import type { LocalRuntime } from '../local/start-local-runtime.js';
import { measureColdStarts } from './cold-start.js';
import type { Figure } from './figure.js';
import { emailBenchConfig, emailBenchSizes, measureEmailThroughput } from './email-throughput.js';
import { measureFanOutCost } from './fan-out-cost.js';
import { measureNotifyLatency } from './notify-latency.js';
import { measureRenderCost } from './render-cost.js';
import { printTable } from './print-table.js';
import { measureStatusRead } from './status-read.js';
import { measureWriteThroughput } from './write-throughput.js';

/** `npm run bench`: figures, never pass/fail, each against a baseline measured in this same run. */
async function main(): Promise<void> {
  const dynamo = await startDynamoDbLocal();
  const runtimes: LocalRuntime[] = [];
  const freshRuntime = async (name: string, config?: Config) => {
    const runtime = await startLocalRuntime({
      ...(config ? { config } : {}),
      port: 0,
      dynamoEndpoint: dynamo.endpoint,
      tableName: `bench-${name}-${Date.now()}`,
      outboxDir: mkdtempSync(join(tmpdir(), `bench-${name}-`)),
      // autocannon sends tens of thousands of requests from 127.0.0.1: past the per-client limits
      // (lambdas/core/api/client-limits.ts), which would make the figures those of 429s.
      clientLimits: [],
    });
    runtimes.push(runtime);
    return runtime;
  };
  const figures: Figure[] = [];
  // BENCH_ONLY=email measures only the steps whose name contains it (and writes only those).
  const only = process.env['BENCH_ONLY'];
  const step = async (name: string, measure: () => Promise<Figure | Figure[]>) => {
    if (only && !name.includes(only)) return;
    process.stdout.write(`measuring ${name}…\n`);
    const result = await measure();
    figures.push(...(Array.isArray(result) ? result : [result]));
  };
  try {
    await step('status read', async () => measureStatusRead(await freshRuntime('status')));
    await step('notify latency', async () => [
      await measureNotifyLatency(await freshRuntime('notify-serial'), 1),
      await measureNotifyLatency(await freshRuntime('notify-concurrent'), 8),
    ]);
    await step('cold starts', measureColdStarts);
    await step('fan-out cost', measureFanOutCost);
    await step('email send throughput', () => measureEmailThroughput((subscribers) => freshRuntime(`email-${subscribers}`, emailBenchConfig(loadConfigFile())), emailBenchSizes()));
    await step('render cost', measureRenderCost);
    await step('write throughput', async () => measureWriteThroughput(await freshRuntime('writes')));
  } finally {
    await Promise.all(runtimes.map((runtime) => runtime.stop()));
    await dynamo.stop();
  }
  const results = { measuredAt: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length, figures };
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  printTable(figures);
  console.log('\nwritten to bench/results.json');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
