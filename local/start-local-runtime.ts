import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { loadConfigFile } from '../lambdas/adapters/config-file.js';
import type { Config } from '../lambdas/core/config/config-schema.js';
import { apiRoutes } from '../lambdas/handlers/api/api-routes.js';
import { createApiDependencies } from '../lambdas/handlers/api/create-api-dependencies.js';
import { createApiHandler } from '../lambdas/handlers/api/create-api-handler.js';
import { createTable } from './create-table.js';
import { localCredentials, localRegion, startDynamoDbLocal } from './dynamodb-local.js';
import { createLocalHttpServer } from './local-http-server.js';

export interface LocalRuntimeOptions {
  /** HTTP port; 0 picks a free one. Default 3000. */
  port?: number;
  host?: string;
  /** Keep DynamoDB Local's data here across restarts; in memory when absent. */
  dataDir?: string;
  /** Use a DynamoDB Local that is already running (tests share one) instead of starting one. */
  dynamoEndpoint?: string;
  tableName?: string;
  /** The bearer commanders send; generated when absent. */
  commanderToken?: string;
  config?: Config;
  configPath?: string;
}

export interface LocalRuntime {
  url: string;
  commanderToken: string;
  config: Config;
  tableName: string;
  dynamoEndpoint: string;
  db: DynamoDBDocumentClient;
  stop(): Promise<void>;
}

const webRoot = fileURLToPath(new URL('../web/', import.meta.url));

/**
 * The whole system on one machine: DynamoDB Local (the real engine), the table from the shared
 * definition, and the API handler behind a local HTTP server.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const config = options.config ?? loadConfigFile(options.configPath);
  const dynamo = options.dynamoEndpoint
    ? { endpoint: options.dynamoEndpoint, stop: async () => {} }
    : await startDynamoDbLocal({ dataDir: options.dataDir });
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: localRegion, credentials: localCredentials });
  const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const tableName = options.tableName ?? 'incident-comms';
  try {
    await ensureTable(client, tableName);
    const commanderToken = options.commanderToken ?? randomBytes(24).toString('base64url');
    const apiDependencies = createApiDependencies({
      config,
      db,
      tableName,
      auth: { mode: 'shared-token', token: commanderToken },
      // Only this process writes incidents locally, and it invalidates on each write.
      statusMaxAgeMs: config.statusCacheSeconds * 1000,
    });
    const api = createApiHandler(apiDependencies, apiRoutes);
    const server = createLocalHttpServer({ api, webRoot });
    server.listen(options.port ?? 3000, options.host ?? '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    return {
      url: `http://${options.host ?? '127.0.0.1'}:${port}`,
      commanderToken,
      config,
      tableName,
      dynamoEndpoint: dynamo.endpoint,
      db,
      async stop() {
        server.closeAllConnections();
        await new Promise<void>((done) => server.close(() => done()));
        client.destroy();
        await dynamo.stop();
      },
    };
  } catch (error) {
    client.destroy();
    await dynamo.stop();
    throw error;
  }
}

async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await createTable(client, tableName);
  }
}
