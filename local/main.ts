import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../lambdas/core/config/parse-config.js';
import { describeClientLimit } from './describe-client-limit.js';
import { startLocalRuntime } from './start-local-runtime.js';

/** `npm start`: the whole system on this machine, until Ctrl-C. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      config: { type: 'string' },
    },
  });
  const port = Number(process.env['PORT'] ?? 3000);
  let stopping = false;
  // Set once started: DynamoDB Local may die before then, and there is nothing to stop yet.
  let started: Awaited<ReturnType<typeof startLocalRuntime>> | undefined;
  const runtime = await startLocalRuntime({
    onFatal: (error) => {
      console.error(`\n${error.message}`);
      if (stopping) return;
      stopping = true;
      void (started?.stop() ?? Promise.resolve()).finally(() => process.exit(1));
    },
    port,
    dataDir: values['data-dir'],
    configPath: values.config,
    commanderToken: process.env['COMMANDER_TOKEN'] || undefined,
    log: (line) => console.log(`${new Date().toISOString().slice(11, 19)}  ${line}`),
  });
  started = runtime;
  const tokenNote = process.env['COMMANDER_TOKEN'] ? '(from COMMANDER_TOKEN)' : '(generated; set COMMANDER_TOKEN to choose one)';
  console.log(`
incident-comms is running for ${runtime.config.serviceName}
  status page     ${runtime.url}/
  console         ${runtime.url}/console/  (sign in with the commander token below)
  API             ${runtime.url}/v1  (contract: ${runtime.url}/v1/openapi.json)
  commander token ${runtime.commanderToken} ${tokenNote}
  mail            ${join(runtime.outboxDir, 'email')}/  (one .eml per recipient, in place of SES;
                  bounce@simulator.amazonses.com and complaint@… are suppressed as SES would)
  X posts         ${join(runtime.outboxDir, 'x.jsonl')}
  webhooks        ${runtime.config.channels.webhook.enabled ? 'delivered for real to the registered URLs (POST /v1/webhooks; http:// to 127.0.0.1 or localhost is allowed here, other private addresses are refused)' : 'switched off (channels.webhook.enabled is false)'}
  reminders       ${join(runtime.outboxDir, 'commanders.jsonl')}  (to commanders, when a "next update by" promise passes)
  data            ${values['data-dir'] ? `kept in ${values['data-dir']} (the table and the queues: a crash loses nothing)` : 'in memory (use --data-dir DIR to keep it, and the queues, across restarts)'}
  dead letters    ${join(runtime.outboxDir, 'dead-letter.jsonl')}  (replay: npm run redrive -- --dead-letters)
  client limits   ${runtime.clientLimits.map(describeClientLimit).join('; ') || 'none'}
                  (per client address, as AWS WAF enforces them deployed; past them 429 with Retry-After)
  database        DynamoDB Local at ${runtime.dynamoEndpoint}: it listens on every network interface of this
                  machine, without authentication (README.md, "Running locally: what is exposed")

Declare an incident:
  curl -s -X POST ${runtime.url}/v1/incidents \\
    -H 'Authorization: Bearer ${runtime.commanderToken}' -H 'Content-Type: application/json' \\
    -d '{"title":"Elevated errors for Chat and API","impact":"major","message":"We are seeing elevated error rates and are investigating.","components":[{"id":"${runtime.config.components[0]!.id}","status":"major_outage"}]}'

Ctrl-C stops everything.`);

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping DynamoDB Local and the server…`);
    await runtime.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGHUP', () => void stop('SIGHUP'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error));
  process.exit(1);
});
