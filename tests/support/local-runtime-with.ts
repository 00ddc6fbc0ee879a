import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalRuntime } from '../../local/start-local-runtime.js';
import type { LocalRuntimeOptions } from '../../local/start-local-runtime.js';
import { apiClient } from './api-client.js';
import { aConfig } from './builders.js';
import { dynamoEndpoint } from './dynamo-endpoint.js';

/**
 * The whole local runtime on a free port, over the run's DynamoDB Local, with its own table and
 * outbox, and any option of `startLocalRuntime` (an X poster aimed at a stand-in, a log) on top.
 */
export async function aLocalRuntimeWith(options: Partial<LocalRuntimeOptions> = {}) {
  const outboxDir = options.outboxDir ?? mkdtempSync(join(tmpdir(), 'incident-comms-hostile-'));
  const runtime = await startLocalRuntime({
    port: 0,
    dynamoEndpoint: dynamoEndpoint(),
    tableName: `hostile-${randomUUID()}`,
    commanderToken: `hostile-commander-${randomUUID()}`,
    config: aConfig(),
    // A failed message comes back in a quarter second, not the deployed minutes.
    redeliveryDelayMs: 250,
    ...options,
    outboxDir,
  });
  return { runtime, outboxDir, api: apiClient(runtime.url, runtime.commanderToken) };
}
