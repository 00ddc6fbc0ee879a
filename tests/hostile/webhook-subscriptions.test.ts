import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStores } from '../../lambdas/adapters/dynamo/dynamo-stores.js';
import { ulidIds } from '../../lambdas/adapters/ids.js';
import { HmacSubscriptionTokens } from '../../lambdas/adapters/tokens/hmac-subscription-tokens.js';
import type { HostResolver } from '../../lambdas/adapters/http/host-resolver.js';
import { itemTypes } from '../../lambdas/core/store/table-definition.js';
import { createApiDependencies } from '../../lambdas/handlers/api/create-api-dependencies.js';
import { createApiHandler } from '../../lambdas/handlers/api/create-api-handler.js';
import { apiRoutes } from '../support/api-routes.js';
import { anApiEvent } from '../support/api-events.js';
import { aConfig } from '../support/builders.js';
import { aLocalTable } from '../support/local-table.js';
import { RecordingLogger } from '../support/memory/recording-logger.js';
import { aWebhookWiring } from '../support/webhook-wiring.js';

// 1,000 random webhook subscriptions and unsubscriptions, valid and hostile, against the real API
// handler over DynamoDB Local, deployed, with a DNS that answers as a hostile one would (public,
// private, metadata, mixed, failing): no 5xx, every refusal problem+json, and the table holds
// exactly the subscribers the 201s answered, none with a refused address.

const runs = Number(process.env['HOSTILE_WEBHOOK_RUNS'] ?? 1_000);
const config = aConfig();

// Names end in what they resolve to, so the test knows which must be refused.
const resolve: HostResolver = async (hostname) => {
  if (hostname.endsWith('.public.example')) return [{ address: '93.184.216.34', family: 4 }, { address: '2606:2800:220:1::1', family: 6 }];
  if (hostname.endsWith('.private.example')) return [{ address: '10.1.2.3', family: 4 }];
  if (hostname.endsWith('.metadata.example')) return [{ address: '169.254.169.254', family: 4 }];
  if (hostname.endsWith('.mixed.example')) return [{ address: '93.184.216.34', family: 4 }, { address: '192.168.0.1', family: 4 }];
  if (hostname.endsWith('.flaky.example')) throw Object.assign(new Error(`getaddrinfo EAI_AGAIN ${hostname}`), { code: 'EAI_AGAIN' });
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
};

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/);
const host = fc.oneof(
  fc.tuple(label, fc.constantFrom('public', 'private', 'metadata', 'mixed', 'flaky', 'unknown')).map(([name, kind]) => `${name}.${kind}.example`),
  fc.ipV4(),
  fc.ipV6().map((address) => `[${address}]`),
  fc.constantFrom('localhost', '127.0.0.1', '0.0.0.0', '2130706433', '0x7f.1', '[::ffff:10.0.0.1]', '[fd00:ec2::254]', '169.254.169.254', 'xn--80ak6aa92e.com'),
);
const url = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom('https', 'http', 'ftp', 'file', 'javascript', 'HTTPS'), host, fc.option(fc.integer({ min: 0, max: 70000 })), fc.webPath(), fc.option(fc.webQueryParameters())).map(
    ([scheme, name, port, path, query]) => `${scheme}://${name}${port === null ? '' : `:${port}`}${path}${query === null ? '' : `?${query}`}`,
  ) },
  { weight: 1, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 100 }) },
  { weight: 1, arbitrary: fc.constantFrom('https://user:pw@a.public.example/hook', `https://a.public.example/${'x'.repeat(3000)}`, '', ' https://a.public.example/', 'https://a.public.example/\u0000') },
);
const validBody = fc.record(
  {
    url,
    format: fc.constantFrom('json', 'slack', 'teams', 'discord'),
    locale: fc.constantFrom(...config.locales),
    components: fc.uniqueArray(fc.constantFrom(...config.components.map((component) => component.id))),
  },
  { requiredKeys: ['url', 'format'] },
);
const anyJson = fc.jsonValue({ maxDepth: 3 });
const body = fc.oneof(
  { weight: 6, arbitrary: validBody },
  { weight: 2, arbitrary: fc.tuple(validBody, fc.string({ maxLength: 12 }), anyJson).map(([valid, key, value]) => ({ ...valid, [key]: value })) },
  { weight: 1, arbitrary: anyJson },
);

type Request = { kind: 'subscribe'; body: unknown; raw?: string } | { kind: 'delete'; target: number; secret: 'own' | 'other' | 'garbage' | 'none'; garbage: string };
const request: fc.Arbitrary<Request> = fc.oneof(
  { weight: 8, arbitrary: body.map((value): Request => ({ kind: 'subscribe', body: value })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((raw): Request => ({ kind: 'subscribe', body: undefined, raw })) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), target: fc.nat(), secret: fc.constantFrom('own' as const, 'other' as const, 'garbage' as const, 'none' as const), garbage: fc.string({ maxLength: 300 }) }) },
);

let table: Awaited<ReturnType<typeof aLocalTable>>;
let handle: ReturnType<typeof createApiHandler>;
const logger = new RecordingLogger();
const created = new Map<string, string>();
const removed = new Set<string>();
const statuses = new Map<number, number>();

beforeAll(async () => {
  table = await aLocalTable();
  handle = createApiHandler(
    createApiDependencies({
      ...aWebhookWiring({ mode: 'deployed', resolve }),
      config,
      stores: createDynamoStores(table.db, table),
      tokens: async () => new HmacSubscriptionTokens(Buffer.alloc(32, 7)),
      publicBaseUrl: () => 'https://status.nimbus.example',
      auth: { mode: 'shared-token', token: 'commander' },
      statusMaxAgeMs: 1000,
      clock: () => new Date(),
      ids: ulidIds,
      logger,
    }),
    apiRoutes,
  );
});

afterAll(() => table?.client.destroy());

let sourceIp = 0;
async function send(planned: Request): Promise<void> {
  const ids = [...created.keys()];
  // Each request from its own client address: the per-client limit is not what this test is about.
  const client = `198.51.${Math.floor(++sourceIp / 250) % 250}.${sourceIp % 250}`;
  let result;
  if (planned.kind === 'subscribe') {
    result = await handle(anApiEvent({ method: 'POST', path: '/v1/webhooks', sourceIp: client, ...(planned.raw !== undefined ? { rawBody: planned.raw, headers: { 'content-type': 'application/json' } } : { body: planned.body }) }));
    if (result.statusCode === 201) {
      const { id, secret } = JSON.parse(result.body) as { id: string; secret: string };
      created.set(id, secret);
    }
  } else {
    const id = ids.length === 0 ? 'whk_01JF3Z00000000000000000000' : ids[planned.target % ids.length]!;
    const other = ids.length === 0 ? undefined : created.get(ids[(planned.target + 1) % ids.length]!);
    const secret = { own: created.get(id), other, garbage: planned.garbage, none: undefined }[planned.secret];
    result = await handle(anApiEvent({ method: 'DELETE', path: `/v1/webhooks/${encodeURIComponent(id)}`, sourceIp: client, headers: secret === undefined ? {} : { authorization: `Bearer ${secret}` } }));
    if (result.statusCode === 204) removed.add(id);
    if (result.statusCode === 204) expect(planned.secret === 'own' || (planned.secret === 'other' && other === created.get(id))).toBe(true);
  }
  statuses.set(result.statusCode, (statuses.get(result.statusCode) ?? 0) + 1);
  expect(result.statusCode, result.body).toBeLessThan(500);
  if (result.statusCode >= 400) expect(result.headers['content-type']).toContain('application/problem+json');
}

describe('hostile webhook subscriptions', () => {
  it(`${runs} random subscriptions and unsubscriptions: no 5xx, every refusal problem+json`, async () => {
    await fc.assert(fc.asyncProperty(request, send), { numRuns: runs });
    expect(logger.lines.filter((line) => line.level === 'error')).toEqual([]);
    // The mix reached both sides of every decision.
    expect(statuses.get(201)).toBeGreaterThan(50);
    expect(statuses.get(400)).toBeGreaterThan(200);
    expect(statuses.get(204)).toBeGreaterThan(5);
  }, 300_000);

  it('the table holds exactly the subscribers answered 201 and not removed, each at a public https address', async () => {
    const { Items = [] } = await table.db.send(new ScanCommand({ TableName: table.recipientTableName, FilterExpression: '#type = :type', ExpressionAttributeNames: { '#type': 'type' }, ExpressionAttributeValues: { ':type': itemTypes.webhook }, ConsistentRead: true }));
    const stored = Items.map((item) => ({ id: String(item['id']), url: String(item['url']) }));
    expect(new Set(stored.map((item) => item.id))).toEqual(new Set([...created.keys()].filter((id) => !removed.has(id))));
    for (const { url: stored_url } of stored) {
      const parsed = new URL(stored_url);
      expect(parsed.protocol).toBe('https:');
      expect(parsed.hostname.endsWith('.public.example') || /^[0-9.]+$|^\[/.test(parsed.hostname) || parsed.hostname.includes('.'), stored_url).toBe(true);
      expect(parsed.hostname).not.toMatch(/private|metadata|mixed|flaky|unknown|localhost|^127\.|^10\.|^169\.254\./);
    }
  });
});
