import { performance } from 'node:perf_hooks';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '../local/start-local-runtime.js';
import { apiClient } from '../tests/support/api-client.js';
import { aDeclaration, anUpdateBody } from '../tests/support/builders.js';
import type { Figure } from './figure.js';
import { round } from './figure.js';

const incidents = 50;
const concurrency = 16;
const writes = 800;

/**
 * Updates per second through the local API (validation, version check, one transaction, answer)
 * across 50 incidents at concurrency 16, against raw TransactWriteItems of the same shape.
 */
export async function measureWriteThroughput(runtime: LocalRuntime): Promise<Figure> {
  const api = apiClient(runtime.url, runtime.commanderToken);
  const ids: string[] = [];
  for (let index = 0; index < incidents; index++) ids.push((await api.declare(aDeclaration({ title: `Throughput ${index}`, notify: false }))).json.id);

  let next = 0;
  let failures = 0;
  const apiStart = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < writes) {
        const id = ids[next++ % incidents]!;
        const answer = await api.update(id, anUpdateBody({ status: 'monitoring', message: 'Still watching.', notify: false }));
        if (answer.status !== 201) failures++;
      }
    }),
  );
  const apiRate = writes / ((performance.now() - apiStart) / 1000);

  let rawNext = 0;
  const rawStart = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (rawNext < writes) {
        const index = rawNext++;
        // Unraced keys: the baseline is what the engine does with no contention at all, an upper bound.
        const pk = `RAW#${index}`;
        await runtime.db.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: runtime.tableName, Item: { pk, sk: 'HEAD', type: 'bench', version: index }, ConditionExpression: 'attribute_not_exists(pk)' } },
              { Put: { TableName: runtime.tableName, Item: { pk, sk: `ITEM#${index}`, type: 'bench' }, ConditionExpression: 'attribute_not_exists(pk)' } },
            ],
          }),
        ).catch(() => {
          failures++;
        });
      }
    }),
  );
  const rawRate = writes / ((performance.now() - rawStart) / 1000);
  return {
    figure: 'Write throughput',
    measured: `${Math.round(apiRate)} updates/s through the API`,
    baseline: `${Math.round(rawRate)} TransactWriteItems/s`,
    ratio: round(apiRate / rawRate, 2),
    ratioMeaning: 'of raw transaction throughput',
    notes: `${writes} updates over ${incidents} incidents at concurrency ${concurrency} (notify: false, so the pipeline stays idle); failed requests: ${failures}`,
    raw: { apiRate, rawRate, writes, incidents, concurrency, failures },
  };
}
