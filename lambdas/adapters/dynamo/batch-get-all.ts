import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type Item = Record<string, unknown>;

/** BatchGetItem reads at most 100 keys per request. */
const keysPerRequest = 100;

/**
 * Every item of `keys` that exists in `tableName`, strongly consistent, in no particular order:
 * requests of 100 keys side by side, each asking again (a little later each time) for the keys
 * DynamoDB hands back unprocessed under load.
 *
 * @example
 * const items = await batchGetAll(db, tableName, [{ pk: 'INCIDENT#inc_1', sk: 'UPDATE#00000001' }]);
 */
export async function batchGetAll(db: DynamoDBDocumentClient, tableName: string, keys: readonly Item[]): Promise<Item[]> {
  const requests: Item[][] = [];
  for (let start = 0; start < keys.length; start += keysPerRequest) requests.push(keys.slice(start, start + keysPerRequest));
  const answers = await Promise.all(
    requests.map(async (batch) => {
      const found: Item[] = [];
      let pending = batch;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await pause(Math.min(1000, 25 * 2 ** attempt));
        const { Responses, UnprocessedKeys } = await db.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }));
        found.push(...(Responses?.[tableName] ?? []));
        pending = UnprocessedKeys?.[tableName]?.Keys ?? [];
      }
      return found;
    }),
  );
  return answers.flat();
}

function pause(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
