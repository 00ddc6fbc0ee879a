import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../lambdas/core/config/config-schema.js';
import { startLocalRuntime } from '../../local/start-local-runtime.js';
import { apiClient } from './api-client.js';
import { dynamoEndpoint } from './dynamo-endpoint.js';

/** The whole local runtime on a free port, over the run's DynamoDB Local, with its own table and outbox. */
export async function aLocalRuntime(options: { config?: Config } = {}) {
  const outboxDir = mkdtempSync(join(tmpdir(), 'incident-comms-outbox-'));
  const runtime = await startLocalRuntime({
    port: 0,
    dynamoEndpoint: dynamoEndpoint(),
    tableName: `e2e-${randomUUID()}`,
    commanderToken: 'e2e-commander-token',
    outboxDir,
    config: options.config,
    // A failed message comes back in a quarter second, not the deployed minutes.
    redeliveryDelayMs: 250,
  });
  return { runtime, outboxDir, api: apiClient(runtime.url, runtime.commanderToken) };
}
