import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStores } from '../../lambdas/adapters/dynamo/dynamo-stores.js';
import type { Stores } from '../../lambdas/adapters/dynamo/dynamo-stores.js';
import { ulidIds } from '../../lambdas/adapters/ids.js';
import { HmacSubscriptionTokens } from '../../lambdas/adapters/tokens/hmac-subscription-tokens.js';
import type { FeedItem } from '../../lambdas/core/incident/answer-schemas.js';
import { createApiDependencies } from '../../lambdas/handlers/api/create-api-dependencies.js';
import { createApiHandler } from '../../lambdas/handlers/api/create-api-handler.js';
import { anApiEvent } from '../support/api-events.js';
import { apiRoutes } from '../support/api-routes.js';
import { aConfig } from '../support/builders.js';
import { aLocalTable } from '../support/local-table.js';
import { RecordingLogger } from '../support/memory/recording-logger.js';
import { aWebhookWiring } from '../support/webhook-wiring.js';

// A client polling GET /v1/feed with its cursor, over the real table: an item whose queue message
// was retried lands after the client read past its update, and the client still gets it.

const config = aConfig();
const epoch = Date.UTC(2031, 0, 1);
const at = (seconds: number) => new Date(epoch + seconds * 1000);
let now = at(0);
let stores: Stores;
let handle: ReturnType<typeof createApiHandler>;

beforeAll(async () => {
  const table = await aLocalTable();
  stores = createDynamoStores(table.db, table);
  handle = createApiHandler(
    createApiDependencies({
      ...aWebhookWiring(),
      config,
      stores,
      tokens: async () => new HmacSubscriptionTokens(randomBytes(32)),
      publicBaseUrl: () => 'https://status.nimbus.example',
      auth: { mode: 'shared-token', token: 'commander' },
      statusMaxAgeMs: 0,
      clock: () => now,
      ids: ulidIds,
      logger: new RecordingLogger(),
    }),
    apiRoutes,
  );
});

function anItem(seq: number, createdAtSeconds: number): FeedItem {
  const updateId = `upd_feed_polling_${seq}`;
  return {
    id: `${updateId}:en`,
    incidentId: 'inc_feed_polling',
    updateId,
    kind: seq === 1 ? 'apology' : 'update',
    locale: 'en',
    title: `Update ${seq}`,
    body: 'We are rolling the change back.',
    status: 'identified',
    impact: 'major',
    url: 'https://status.nimbus.example/incidents/inc_feed_polling',
    createdAt: at(createdAtSeconds).toISOString(),
  };
}

/** The in-app handler writing an item at `seconds`, as its queue message was received then. */
const written = (item: FeedItem, seconds: number) =>
  stores.feed.putIfAbsent(item, { writtenAt: at(seconds).toISOString(), expiresAt: Math.floor(at(seconds).getTime() / 1000) + 90 * 86_400 });

async function poll(after?: string): Promise<{ items: FeedItem[]; nextCursor: string }> {
  const answer = await handle(anApiEvent({ path: '/v1/feed', query: `locale=en${after ? `&after=${encodeURIComponent(after)}` : ''}` }));
  expect(answer.statusCode).toBe(200);
  return JSON.parse(answer.body) as { items: FeedItem[]; nextCursor: string };
}

describe('a client polling the feed with its cursor', () => {
  it('is handed an item written late for an earlier update, once, and then nothing more', async () => {
    const [apology, update, recovery] = [anItem(1, 0), anItem(2, 60), anItem(3, 120)];
    await written(apology, 1);
    // The update's in-app message failed its first receive; the recovery's went straight through.
    await written(recovery, 121);
    now = at(180);
    const first = await poll();
    expect(first.items.map((item) => item.updateId)).toEqual([apology.updateId, recovery.updateId]);

    // The update's message comes back from its queue after the visibility timeout and is written now.
    await written(update, 181);
    now = at(240);
    const second = await poll(first.nextCursor);
    expect(second.items.map((item) => item.updateId)).toEqual([update.updateId]);
    expect(second.items[0]!.createdAt).toBe(at(60).toISOString());
    expect((await poll(second.nextCursor)).items).toEqual([]);
  });

  it('is handed, while it is still settling, an item written a moment ago again on the next poll rather than never', async () => {
    const early = anItem(11, 300);
    await written(early, 301);
    now = at(302);
    const first = await poll();
    const ours = (page: { items: FeedItem[] }) => page.items.map((item) => item.updateId).filter((id) => /_1[12]$/.test(id));
    expect(ours(first)).toEqual([early.updateId]);
    // Another writer stamped a moment before, and visible only now.
    const landsLate = anItem(12, 300);
    await written(landsLate, 300.5);
    now = at(320);
    // In write order: the late one first, then the recent one again (the client skips ids it has seen).
    expect(ours(await poll(first.nextCursor))).toEqual([landsLate.updateId, early.updateId]);
  });
});
