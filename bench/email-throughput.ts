import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { subscriberIndexKeys } from '../lambdas/adapters/dynamo/item-keys.js';
import { sendPace } from '../lambdas/core/email/send-pace.js';
import { subscriberShardCount } from '../lambdas/core/subscribers/subscriber.js';
import { recipientTableDefinition } from '../lambdas/core/store/table-definition.js';
import type { Config } from '../lambdas/core/config/config-schema.js';
import type { LocalRuntime } from '../local/start-local-runtime.js';
import { apiClient } from '../tests/support/api-client.js';
import { aDeclaration } from '../tests/support/builders.js';
import type { Figure } from './figure.js';
import { round } from './figure.js';

/** The sizes measured; `BENCH_EMAIL_SIZES=10000` measures one, for a quicker run. */
export function emailBenchSizes(): number[] {
  return (process.env['BENCH_EMAIL_SIZES'] ?? '10000,100000').split(',').map(Number).filter((size) => Number.isInteger(size) && size > 0);
}

/** A send rate far above what one laptop reaches, so the pace never holds the local senders back. */
export function emailBenchConfig(config: Config): Config {
  return { ...config, channels: { ...config.channels, email: { ...config.channels.email, enabled: true, maxSendRate: 8_000 } } };
}

/** The import route takes at most 1,000 addresses per request. */
const importChunk = 1_000;
const locales = ['en', 'id'] as const;

/**
 * Recipients per second through the whole local email pipeline (fan-out, planner, plan and send
 * queues, sender workers claiming and settling each recipient in DynamoDB Local, one `.eml` per
 * recipient written by the outbox in place of SES), from the commander's declaration to the last
 * recipient settled, against the same run's raw Query throughput over the same subscribers' audience
 * index (every shard of every locale read in parallel, 500 per page). The runtime's send rate is set
 * high enough that our own work, not the pace, is what is measured.
 */
export async function measureEmailThroughput(runtimeFor: (subscribers: number) => Promise<LocalRuntime>, sizes: readonly number[]): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const subscribers of sizes) {
    const runtime = await runtimeFor(subscribers);
    const api = apiClient(runtime.url, runtime.commanderToken);

    const importStart = performance.now();
    for (let start = 0; start < subscribers; start += importChunk) {
      const chunk = Array.from({ length: Math.min(importChunk, subscribers - start) }, (_, offset) => {
        const index = start + offset;
        return { email: `reader${index}@bench.example`, locale: locales[index % locales.length] };
      });
      const answer = await api.call('POST', '/v1/subscribers/import', { subscribers: chunk, confirmed: true });
      if (answer.status !== 200) throw new Error(`import failed: ${answer.status} ${answer.text}`);
    }
    const importRate = subscribers / ((performance.now() - importStart) / 1000);

    const queryStart = performance.now();
    const read = await readWholeAudience(runtime);
    const queryRate = read / ((performance.now() - queryStart) / 1000);
    if (read !== subscribers) throw new Error(`the audience index holds ${read} subscribers, ${subscribers} were imported`);

    const sendStart = performance.now();
    const declared = await api.declare(aDeclaration({ title: `Email throughput ${subscribers}`, impact: 'minor', channels: ['email'] }));
    if (declared.status !== 201) throw new Error(`declare failed: ${declared.text}`);
    const mailed = await allMailed(runtime, declared.json.id, subscribers);
    const sendSeconds = (performance.now() - sendStart) / 1000;
    const sendRate = subscribers / sendSeconds;
    const files = readdirSync(join(runtime.outboxDir, 'email')).length;

    figures.push({
      figure: `Email send throughput (${subscribers.toLocaleString('en')})`,
      measured: `${Math.round(sendRate)} recipients/s (${round(sendSeconds, 1)} s for ${subscribers.toLocaleString('en')})`,
      baseline: `${Math.round(queryRate)} subscribers/s read by raw Query`,
      ratio: round(sendRate / queryRate, 3),
      ratioMeaning: '× the raw audience read rate (each mail also costs a claim, a settle, a render and a file)',
      notes: `declaration → every recipient settled, ${sendPace(runtime.config.channels.email.maxSendRate).concurrency} local senders; ${files} .eml files written; import through the API at ${Math.round(importRate)} subscribers/s`,
      raw: { subscribers, sendSeconds, sendRate, queryRate, importRate, mailed, emlFiles: files },
    });
  }
  return figures;
}

/** Every confirmed subscriber of every locale, one parallel reader per shard, as the planner reads them. */
async function readWholeAudience(runtime: LocalRuntime): Promise<number> {
  const { audience } = recipientTableDefinition.indexes;
  const counts = await Promise.all(
    locales.flatMap((locale) =>
      Array.from({ length: subscriberShardCount }, async (_, shard) => {
        let count = 0;
        let startKey: QueryCommandInput['ExclusiveStartKey'];
        do {
          const page = await runtime.db.send(
            new QueryCommand({
              TableName: runtime.recipientTableName,
              IndexName: audience.indexName,
              KeyConditionExpression: '#pk = :pk',
              ExpressionAttributeNames: { '#pk': audience.partitionKey },
              ExpressionAttributeValues: { ':pk': subscriberIndexKeys.audience(locale, shard) },
              Limit: 500,
              ExclusiveStartKey: startKey,
            }),
          );
          count += page.Items?.length ?? 0;
          startKey = page.LastEvaluatedKey;
        } while (startKey);
        return count;
      }),
    ),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}

async function allMailed(runtime: LocalRuntime, incidentId: string, subscribers: number): Promise<number> {
  for (;;) {
    const rows = (await runtime.stores.deliveries.listForIncident(incidentId)).filter((row) => row.channel === 'email');
    const sent = rows.reduce((sum, row) => sum + (row.recipients?.sent ?? 0), 0);
    if (rows.length > 0 && rows.every((row) => row.state === 'sent')) {
      if (sent !== subscribers) throw new Error(`${sent} recipients mailed, ${subscribers} expected`);
      return sent;
    }
    await new Promise((done) => setTimeout(done, 50));
  }
}
