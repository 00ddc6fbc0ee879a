import { performance } from 'node:perf_hooks';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '../local/start-local-runtime.js';
import { apiClient } from '../tests/support/api-client.js';
import { aDeclaration, anUpdateBody } from '../tests/support/builders.js';
import type { Figure } from './figure.js';
import { percentile, round } from './figure.js';

const incidents = 40;
const updatesPerIncident = 5;
const concurrentIncidents = 8;

/**
 * Commander POST → every delivery of that update `sent` in the ledger, through the whole local
 * pipeline (stream poll, fan-out, routing, queues, channel handlers), against one PutItem round trip.
 */
export async function measureNotifyLatency(runtime: LocalRuntime): Promise<Figure> {
  const api = apiClient(runtime.url, runtime.commanderToken);
  const ledger = runtime.stores.deliveries;
  const latencies: number[] = [];

  const settled = async (incidentId: string, seq: number) => {
    for (;;) {
      const rows = (await ledger.listForIncident(incidentId)).filter((row) => row.seq === seq);
      if (rows.length > 0 && rows.every((row) => row.state === 'sent')) return;
      await new Promise((done) => setTimeout(done, 5));
    }
  };

  const walkOneIncident = async (index: number) => {
    let start = performance.now();
    const declared = await api.declare(aDeclaration({ title: `Bench incident ${index}`, impact: 'critical' }));
    await settled(declared.json.id, 1);
    latencies.push(performance.now() - start);
    for (let seq = 2; seq <= updatesPerIncident; seq++) {
      start = performance.now();
      const status = seq === updatesPerIncident ? 'resolved' : 'monitoring';
      const answer = await api.update(declared.json.id, anUpdateBody({ status, message: `Update ${seq} on incident ${index}.` }));
      if (answer.status !== 201) throw new Error(`update failed: ${answer.text}`);
      await settled(declared.json.id, seq);
      latencies.push(performance.now() - start);
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

  const sorted = [...latencies].sort((a, b) => a - b);
  const puts = [...putTimes].sort((a, b) => a - b);
  const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(sorted, p));
  const [put50, put95, put99] = [50, 95, 99].map((p) => percentile(puts, p));
  return {
    figure: 'Notify latency',
    measured: `p50 ${round(p50!, 0)} ms, p95 ${round(p95!, 0)} ms, p99 ${round(p99!, 0)} ms`,
    baseline: `PutItem p50 ${round(put50!, 1)} ms, p95 ${round(put95!, 1)} ms, p99 ${round(put99!, 1)} ms`,
    ratio: round(p50! / put50!, 0),
    ratioMeaning: '× one PutItem round trip (p50)',
    notes: `${latencies.length} updates (${incidents} incidents × ${updatesPerIncident}, ${concurrentIncidents} at a time), email + X + in-app in en and id; the local stream poller sleeps 100 ms when idle`,
    raw: { latenciesMs: sorted, putItemMs: puts },
  };
}
