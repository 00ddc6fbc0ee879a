import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { systemClock } from '../lambdas/adapters/clock.js';
import { loadConfigFile } from '../lambdas/adapters/config-file.js';
import { clientLimits } from '../lambdas/core/api/client-limits.js';
import type { ClientLimit } from '../lambdas/core/api/client-limits.js';
import { createDocumentClient } from '../lambdas/adapters/dynamo/document-client.js';
import { createDynamoStores } from '../lambdas/adapters/dynamo/dynamo-stores.js';
import type { Stores } from '../lambdas/adapters/dynamo/dynamo-stores.js';
import { ulidIds } from '../lambdas/adapters/ids.js';
import { HmacSubscriptionTokens } from '../lambdas/adapters/tokens/hmac-subscription-tokens.js';
import { HmacWebhookSecrets } from '../lambdas/adapters/tokens/hmac-webhook-secrets.js';
import { DnsWebhookDestinations } from '../lambdas/adapters/http/dns-webhook-destinations.js';
import type { WebhookPoster } from '../lambdas/core/ports/webhook-poster.js';
import type { WebhookSecrets } from '../lambdas/core/ports/webhook-secrets.js';
import type { Config } from '../lambdas/core/config/config-schema.js';
import type { Clock } from '../lambdas/core/ports/clock.js';
import type { Logger } from '../lambdas/core/ports/logger.js';
import type { SubscriptionTokens } from '../lambdas/core/ports/subscription-tokens.js';
import type { XPoster } from '../lambdas/core/ports/x-poster.js';
import { createApiDependencies } from '../lambdas/handlers/api/create-api-dependencies.js';
import { createApiHandler } from '../lambdas/handlers/api/create-api-handler.js';
import { previewDependenciesOf } from '../lambdas/handlers/api/create-preview-api-dependencies.js';
import { readDependenciesOf } from '../lambdas/handlers/api/create-read-api-dependencies.js';
import { previewRoutes } from '../lambdas/handlers/api/preview-routes.js';
import { readRoutes } from '../lambdas/handlers/api/read-routes.js';
import { writeRoutes } from '../lambdas/handlers/api/write-routes.js';
import { ClientRateLimiter } from './client-rate-limiter.js';
import { CountingMetrics } from './counting-metrics.js';
import { ensureTables, localStoreTables } from './create-table.js';
import { localCredentials, localRegion } from './dynamodb-local.js';
import { startSupervisedDynamoDbLocal } from './supervised-dynamodb-local.js';
import { routeByContract } from './api-gateway.js';
import { createLocalHttpServer } from './local-http-server.js';
import { localLogger } from './local-logger.js';
import { localTokenKey } from './local-token-key.js';
import { startLocalPipeline } from './pipeline/start-local-pipeline.js';
import { wakeOnWrite } from './pipeline/wake-on-write.js';
import type { LocalPipeline } from './pipeline/start-local-pipeline.js';

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
  /** Where the email `.eml` files and `x.jsonl` go; default `$OUTBOX_DIR` or `.incident-comms/outbox`. */
  outboxDir?: string;
  /** Where X posts go; the outbox by default. */
  xPoster?: XPoster;
  /** One line per delivery; silent when absent. */
  log?: (line: string) => void;
  /** The handlers' Powertools logger; `localLogger()` (LOG_LEVEL, default WARN) when absent. */
  logger?: Logger;
  /**
   * How long a failed queue message waits for its next receive, in ms. By default each queue's
   * deployed visibility timeout (minutes, as in AWS); tests shorten it rather than wait that out.
   */
  redeliveryDelayMs?: number;
  /**
   * Called when the runtime's own DynamoDB Local is gone for good (it died in memory, or would not
   * restart over `dataDir`); `npm start` prints the reason and exits. Logged when absent.
   */
  onFatal?: (error: Error) => void;
  /**
   * The per-client limits, counted per connecting address: by default `clientLimits`, which AWS WAF
   * enforces deployed. `[]` turns them off, for tests that send thousands of requests from
   * 127.0.0.1 on purpose and are about something else.
   */
  clientLimits?: readonly ClientLimit[];
  /**
   * The clock incidents are written by and timers fall due by (the system clock when absent): tests
   * hold it, move it past a promise, and call `pipeline.timers.tick()` rather than wait.
   */
  clock?: Clock;
  /**
   * How fast the webhook workers' waits pass (their backoff, a receiver's Retry-After): 1 when
   * absent; tests pass a small factor rather than wait minutes, and read the asked-for delays from the log.
   */
  webhookDelayScale?: number;
  /** Where webhook deliveries go: POSTed for real to the registered URLs by default (tests shorten its timeout). */
  webhookPoster?: WebhookPoster;
}

export interface LocalRuntime {
  url: string;
  commanderToken: string;
  config: Config;
  tableName: string;
  /** Subscribers and per-recipient mail records: `<tableName>-recipients`. */
  recipientTableName: string;
  dynamoEndpoint: string;
  /** The runtime's own DynamoDB Local (absent when `dynamoEndpoint` was given): its process, restarted if it dies. */
  dynamoDbLocal?: { readonly pid: number | undefined };
  db: DynamoDBDocumentClient;
  stores: Stores;
  /** The subscription tokens of this runtime's links (its key lives in `--data-dir` when one is given). */
  tokens: SubscriptionTokens;
  /** The webhook signing secrets, from the same key. */
  webhookSecrets: WebhookSecrets;
  /** What the handlers counted (deployed, these are CloudWatch metrics). */
  metrics: CountingMetrics;
  /** Where mails (`email/*.eml`), X posts and dead letters are written. */
  outboxDir: string;
  /** The per-client limits its HTTP server enforces (`[]`: none). */
  clientLimits: readonly ClientLimit[];
  pipeline: LocalPipeline;
  stop(): Promise<void>;
}

const webRoot = fileURLToPath(new URL('../web/', import.meta.url));

/**
 * The whole system on one machine: DynamoDB Local (the real engine), the table from the shared
 * definition, and the API handler behind a local HTTP server.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const config = options.config ?? loadConfigFile(options.configPath);
  const log = options.log ?? (() => {});
  // The pipeline is built once the engine runs; a restart reaches its stream poller through this.
  let engineRestarted = () => {};
  const engine = options.dynamoEndpoint
    ? undefined
    : await startSupervisedDynamoDbLocal({
        dataDir: options.dataDir,
        log,
        onGone: options.onFatal ?? ((error) => log(error.message)),
        onRestarted: () => engineRestarted(),
      });
  const dynamo = engine ?? { endpoint: options.dynamoEndpoint!, stop: async () => {} };
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: localRegion, credentials: localCredentials });
  const db = createDocumentClient(client);
  const tableName = options.tableName ?? 'incident-comms';
  const tables = localStoreTables(tableName);
  const stores = createDynamoStores(db, tables);
  const logger = options.logger ?? localLogger();
  const metrics = new CountingMetrics();
  const outboxDir = options.outboxDir ?? process.env['OUTBOX_DIR'] ?? '.incident-comms/outbox';
  let pipeline: LocalPipeline | undefined;
  try {
    const { streamArn } = await ensureTables(client, tables);
    // One key for the API's links and the email workers' mails alike.
    const tokenKey = await localTokenKey(options.dataDir);
    const tokens = new HmacSubscriptionTokens(tokenKey);
    const webhookSecrets = new HmacWebhookSecrets(tokenKey);
    let url = '';
    pipeline = await startLocalPipeline({
      config,
      stores,
      tokens,
      webhookSecrets,
      logger,
      metrics,
      streamArn,
      dynamoEndpoint: dynamo.endpoint,
      outboxDir,
      publicUrl: () => url,
      log,
      xPoster: options.xPoster,
      // With --data-dir the queues are kept beside the table, so a crash loses no message.
      ...(options.dataDir ? { queueJournalDir: join(options.dataDir, 'queues') } : {}),
      ...(options.redeliveryDelayMs !== undefined ? { redeliveryDelayMs: options.redeliveryDelayMs } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.webhookDelayScale !== undefined ? { webhookDelayScale: options.webhookDelayScale } : {}),
      ...(options.webhookPoster ? { webhookPoster: options.webhookPoster } : {}),
    });
    const startedPipeline = pipeline;
    engineRestarted = () => startedPipeline.poller.engineRestarted();
    wakeOnWrite(db, () => startedPipeline.poller.wake());
    const commanderToken = options.commanderToken ?? randomBytes(24).toString('base64url');
    const apiDependencies = createApiDependencies({
      config,
      stores,
      tokens: async () => tokens,
      webhookSecrets: async () => webhookSecrets,
      // Locally a receiver on this machine may be subscribed; every other private address is refused as deployed.
      webhookDestinations: new DnsWebhookDestinations({ mode: 'local' }),
      // Links in pages and mails point at this server, wherever it listens.
      publicBaseUrl: () => url,
      auth: { mode: 'shared-token', token: commanderToken },
      // Only this process writes incidents locally, and it invalidates on each write.
      statusMaxAgeMs: config.statusCacheSeconds * 1000,
      clock: options.clock ?? systemClock,
      ids: ulidIds,
      logger,
    });
    // The three API functions of the stack, each with only its own routes and dependencies.
    const api = routeByContract({
      reads: createApiHandler(readDependenciesOf(apiDependencies), readRoutes),
      writes: createApiHandler(apiDependencies, writeRoutes),
      previews: createApiHandler(previewDependenciesOf(apiDependencies), previewRoutes),
    });
    const limits = options.clientLimits ?? clientLimits;
    const server = createLocalHttpServer({
      api,
      webRoot,
      statusSite: startedPipeline.statusSite,
      localOperations: { commanderToken, replayDeadLetters: () => startedPipeline.replayDeadLetters() },
      clientLimiter: new ClientRateLimiter(limits, systemClock),
    });
    server.listen(options.port ?? 3000, options.host ?? '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    url = `http://${options.host ?? '127.0.0.1'}:${port}`;
    const activePipeline = pipeline;
    return {
      url,
      commanderToken,
      config,
      ...tables,
      dynamoEndpoint: dynamo.endpoint,
      ...(engine ? { dynamoDbLocal: engine } : {}),
      db,
      stores,
      tokens,
      webhookSecrets,
      metrics,
      outboxDir,
      clientLimits: limits,
      pipeline: activePipeline,
      async stop() {
        server.closeAllConnections();
        await new Promise<void>((done) => server.close(() => done()));
        await activePipeline.stop();
        client.destroy();
        await dynamo.stop();
      },
    };
  } catch (error) {
    await pipeline?.stop();
    client.destroy();
    await dynamo.stop();
    throw error;
  }
}

