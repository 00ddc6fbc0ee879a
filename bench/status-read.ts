import { once } from 'node:events';
import { createServer } from 'node:http';
import autocannon from 'autocannon';
import type { LocalRuntime } from '../local/start-local-runtime.js';
import { apiClient } from '../tests/support/api-client.js';
import { aDeclaration } from '../tests/support/builders.js';
import type { Figure } from './figure.js';
import { round } from './figure.js';

const connections = 50;
const durationSeconds = 4;

/**
 * `GET /v1/status` on the local runtime (the published snapshot, served from memory as CloudFront
 * serves the bucket's object) against a bare node:http server answering a constant buffer of the
 * same size, same connections and duration, alternating twice so drift hits both alike.
 */
export async function measureStatusRead(runtime: LocalRuntime): Promise<Figure> {
  await apiClient(runtime.url, runtime.commanderToken).declare(aDeclaration({ impact: 'critical' }));
  // Readers get the published snapshot: measure it once the declaration is in it.
  await runtime.pipeline.settled();
  const body = Buffer.from(await (await fetch(`${runtime.url}/v1/status`)).arrayBuffer());
  const bare = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=10' });
    response.end(body);
  });
  bare.listen(0, '127.0.0.1');
  await once(bare, 'listening');
  const address = bare.address();
  const bareUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1/status`;
  const ours = [];
  const baseline = [];
  try {
    // Neither server is measured cold: a first second of load lets the JIT compile both hot paths
    // (unwarmed, the first round of ours ran at half the rate of the second).
    await load(`${runtime.url}/v1/status`, 1);
    await load(bareUrl, 1);
    for (let round = 0; round < 2; round++) {
      ours.push(await load(`${runtime.url}/v1/status`));
      baseline.push(await load(bareUrl));
    }
  } finally {
    bare.close();
  }
  const mean = (results: { requests: number; p99: number; non2xx: number }[], key: 'requests' | 'p99') =>
    results.reduce((sum, result) => sum + result[key], 0) / results.length;
  const requests = mean(ours, 'requests');
  const baselineRequests = mean(baseline, 'requests');
  return {
    figure: 'Status read',
    measured: `${Math.round(requests)} req/s, p99 ${round(mean(ours, 'p99'), 1)} ms`,
    baseline: `${Math.round(baselineRequests)} req/s, p99 ${round(mean(baseline, 'p99'), 1)} ms (bare node:http, ${body.byteLength} B)`,
    ratio: round(requests / baselineRequests, 2),
    ratioMeaning: 'of the bare server’s requests/s',
    notes: `autocannon ${connections} connections × ${durationSeconds} s, twice each, alternating, after 1 s of warm-up each; non-2xx: ${ours.reduce((sum, result) => sum + result.non2xx, 0)}`,
    raw: { ours, baseline, bodyBytes: body.byteLength },
  };
}

async function load(url: string, duration = durationSeconds) {
  const result = await autocannon({ url, connections, duration });
  return { requests: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx };
}
