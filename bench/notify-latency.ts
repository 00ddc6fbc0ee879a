import { performance } from 'node:perf_hooks';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ledgerKeys } from '../lambdas/adapters/dynamo/item-keys.js';
import type { LocalRuntime } from '../local/start-local-runtime.js';
import { apiClient } from '../tests/support/api-client.js';
import { aDeclaration, anUpdateBody } from '../tests/support/builders.js';
import type { Figure } from './figure.js';
import { percentile, round } from './figure.js';

const incidents = 40;
const updatesPerIncident = 5;
/** How long a waiting commander pauses before looking again when the pipeline settled with the update unfinished. */
const retryMs = 250;

interface Stages {
  /** Commander POST → the update stored (its `createdAt`). */
  stored: number;
  /** Stored → the last locale published to the topic by the fan-out. */
  published: number;
  /** Published → that channel's last delivery settled, per channel. */
  delivered: Record<string, number>;
  /** Commander POST → every delivery of the update settled. */
  total: number;
}

/**
 * Commander POST → every delivery of that update `sent`, through the whole local pipeline (stream,
 * fan-out, routing, queues, channel handlers), split into its stages from the timestamps the
 * pipeline itself writes (the update's `createdAt`, each publish record's `publishedAt`, each
 * delivery row's `updatedAt`), so how often the bench looks does not change what it measures.
 * Baseline: one PutItem round trip. Measured with one update in flight (the pipeline's own latency)
 * and with several incidents at once (the same pipeline sharing DynamoDB Local, whose throughput on
 * a small machine then dominates).
 */
export async function measureNotifyLatency(runtime: LocalRuntime, concurrentIncidents: number): Promise<Figure> {
  const api = apiClient(runtime.url, runtime.commanderToken);
  const samples: Stages[] = [];

  const stagesOf = async (incidentId: string, seq: number, postedAt: number): Promise<Stages> => {
    for (;;) {
      // Wait for the pipeline to go quiet rather than polling the ledger: eight commanders polling
      // every 25 ms were over 300 queries/s, as much again as DynamoDB Local serves on two cores, and
      // slowed the very pipeline being timed. The times come from the rows, not from when we look.
      await runtime.pipeline.settled();
      const rows = (await runtime.stores.deliveries.listForIncident(incidentId)).filter((row) => row.seq === seq);
      if (rows.length > 0 && rows.every((row) => row.state === 'sent')) {
        const update = await runtime.stores.incidents.getUpdate(incidentId, seq);
        const stored = Date.parse(update!.createdAt);
        const published = Math.max(
          ...(await Promise.all(
            runtime.config.locales.map(async (locale) => {
              const { Item } = await runtime.db.send(new GetCommand({ TableName: runtime.tableName, Key: { pk: ledgerKeys.partition(incidentId), sk: ledgerKeys.publish(seq, locale) } }));
              return Item ? Date.parse(String(Item['publishedAt'])) : stored;
            }),
          )),
        );
        const delivered: Record<string, number> = {};
        for (const row of rows) delivered[row.channel] = Math.max(delivered[row.channel] ?? 0, Date.parse(row.updatedAt) - published);
        const settled = Math.max(...rows.map((row) => Date.parse(row.updatedAt)));
        return { stored: stored - postedAt, published: published - stored, delivered, total: settled - postedAt };
      }
      await new Promise((done) => setTimeout(done, retryMs));
    }
  };

  const walkOneIncident = async (index: number) => {
    let postedAt = Date.now();
    const declared = await api.declare(aDeclaration({ title: `Bench incident ${index}`, impact: 'critical' }));
    samples.push(await stagesOf(declared.json.id, 1, postedAt));
    for (let seq = 2; seq <= updatesPerIncident; seq++) {
      const status = seq === updatesPerIncident ? 'resolved' : 'monitoring';
      postedAt = Date.now();
      const answer = await api.update(declared.json.id, anUpdateBody({ status, message: `Update ${seq} on incident ${index}.` }));
      if (answer.status !== 201) throw new Error(`update failed: ${answer.text}`);
      samples.push(await stagesOf(declared.json.id, seq, postedAt));
    }
  };
  for (let batch = 0; batch < incidents; batch += concurrentIncidents) {
    await Promise.all(Array.from({ length: concurrentIncidents }, (_, offset) => walkOneIncident(batch + offset)));
  }

  const putTimes: number[] = [];
  for (let index = 0; index < 200; index++) {
    const start = performance.now();
    await runtime.db.send(new PutCommand({ TableName: runtime.tableName, Item: { pk: `BENCH#${index}`, sk: 'PUT', type: 'bench', value: index } }));
    putTimes.push(performance.now() - start);
  }

  const quantiles = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  };
  const total = quantiles(samples.map((sample) => sample.total));
  const p95 = percentile([...samples.map((sample) => sample.total)].sort((a, b) => a - b), 95);
  const put = quantiles(putTimes);
  const channels = [...new Set(samples.flatMap((sample) => Object.keys(sample.delivered)))].sort();
  const stageSummary = [
    ['stored', quantiles(samples.map((sample) => sample.stored))],
    ['published', quantiles(samples.map((sample) => sample.published))],
    ...channels.map((channel) => [`${channel} delivered`, quantiles(samples.flatMap((sample) => (sample.delivered[channel] === undefined ? [] : [sample.delivered[channel]!])))] as const),
  ] as const;
  return {
    figure: concurrentIncidents === 1 ? 'Notify latency, one update at a time' : `Notify latency, ${concurrentIncidents} incidents at a time`,
    measured: `p50 ${round(total.p50, 0)} ms, p95 ${round(p95, 0)} ms, p99 ${round(total.p99, 0)} ms (targets p50 ≤ 150, p99 ≤ 600)`,
    baseline: `PutItem p50 ${round(put.p50, 1)} ms, p99 ${round(put.p99, 1)} ms`,
    ratio: round(total.p50 / put.p50, 0),
    ratioMeaning: '× one PutItem round trip (p50)',
    notes:
      `${samples.length} updates (${incidents} incidents × ${updatesPerIncident}, ${concurrentIncidents} at a time), email + X + in-app in en and id; stages p50/p99: ` +
      stageSummary.map(([name, { p50, p99 }]) => `${name} ${round(p50, 0)}/${round(p99, 0)} ms`).join(', '),
    raw: { samples, putItemMs: putTimes },
  };
}
