import { Agent, request as httpRequest } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanCommanderText } from '../../lambdas/core/validation/clean-commander-text.js';
import { theApiOf } from '../support/in-process-api.js';
import { knownIncidentPlaceholder, requestArbitraries, tokenPlaceholder } from '../support/hostile-requests.js';
import type { IfMatchUse, KeyUse, Plan, RawRequest } from '../support/hostile-requests.js';
import { aLocalRuntimeWith } from '../support/local-runtime-with.js';

// Hostile input: fast-check throws thousands of malformed, oversized, polluting and oddly-headed
// requests at the API, mixed with valid ones, and a model of what the valid ones must have written
// is compared with the table afterwards. Most go in process (the handler the runtime serves, as API
// Gateway events); a few hundred go over HTTP so the local server's own body handling is covered.

const inProcessRuns = Number(process.env['HOSTILE_INPUT_RUNS'] ?? 10_000);
const overHttpRuns = 300;

interface Answer {
  status: number;
  headers: Record<string, string | undefined>;
  body: string;
}
type Transport = (request: RawRequest) => Promise<Answer>;

interface ModelUpdate {
  seq: number;
  status: string;
  message: Record<string, string>;
  notify: boolean;
}
interface ModelIncident {
  id: string;
  title: string;
  status: string;
  version: number;
  updates: ModelUpdate[];
  /** A postmortem was published: a later one is a revision, which notifies only when asked to. */
  postmortemPublished?: boolean;
}
interface KeyedRequest {
  key: string;
  request: RawRequest;
}

/** What the table must hold: the incidents and updates valid requests created, nothing else. */
class IncidentModel {
  readonly incidents: ModelIncident[] = [];
  lastKeyed: KeyedRequest | undefined;
  private keys = 0;

  incidentAt(target: number): ModelIncident | undefined {
    return this.incidents.length === 0 ? undefined : this.incidents[target % this.incidents.length];
  }

  newKey(use: KeyUse): string | undefined {
    this.keys++;
    if (use === 'fresh') return `hostile-${this.keys}-${Date.now()}`;
    if (use === 'fresh-long') return `${this.keys}-`.padEnd(255, 'k~!*');
    return undefined;
  }
}

interface Expectation {
  statuses: readonly number[];
  /** Applies a successful answer to the model. */
  accept?: (answer: Answer) => void;
}

const counts = { inProcess: 0, overHttp: 0, byStatus: new Map<number, number>(), refused: 0, written: 0, postmortems: 0, replayed: 0 };

let local: Awaited<ReturnType<typeof aLocalRuntimeWith>>;
let inProcess: ReturnType<typeof theApiOf>;
let model: IncidentModel;
let arbitraries: ReturnType<typeof requestArbitraries>;
const pipelineLog: string[] = [];
const agent = new Agent({ keepAlive: true, maxSockets: 4 });

beforeAll(async () => {
  local = await aLocalRuntimeWith({
    log: (line) => pipelineLog.push(line),
    // The runs over HTTP all come from 127.0.0.1, dozens of them to POST /v1/subscriptions, and must
    // meet the API's own refusals (413, 415, 400), not the per-client limits in front of it, which
    // tests/hostile/client-limits.test.ts covers.
    clientLimits: [],
  });
  inProcess = theApiOf(local.runtime);
  model = new IncidentModel();
  arbitraries = requestArbitraries(local.runtime.config);
});

afterAll(async () => {
  agent.destroy();
  await local?.runtime.stop();
});

const anyPlan = () =>
  fc.oneof(
    // Refusals cost microseconds, valid changes a DynamoDB transaction and a fan-out: weighed for a fast run.
    { weight: 320, arbitrary: arbitraries.refused },
    { weight: 4, arbitrary: arbitraries.read },
    { weight: 3, arbitrary: arbitraries.declare },
    { weight: 4, arbitrary: arbitraries.update },
    { weight: 2, arbitrary: arbitraries.postmortem },
    { weight: 1, arbitrary: arbitraries.preview },
  );

describe('hostile input against the commander API', () => {
  it(`${inProcessRuns} hostile and valid requests in process: no 5xx, every refusal is problem+json`, async () => {
    await fc.assert(
      fc.asyncProperty(anyPlan(), async (plan) => {
        counts.inProcess++;
        await run(plan, sendInProcess);
      }),
      { numRuns: inProcessRuns, seed: seedFromEnvironment(), endOnFailure: true, reporter: compactReport },
    );
    expect(inProcess.faults).toEqual([]);
    expect(counts.inProcess).toBeGreaterThanOrEqual(inProcessRuns);
  }, 300_000);

  it(`${overHttpRuns} more over real HTTP, including bodies past the server's own 1 MiB limit`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyPlan().filter(sendableOverHttp), anOversizedHttpBody()), async (plan) => {
        counts.overHttp++;
        await run(plan, sendOverHttp);
      }),
      { numRuns: overHttpRuns, seed: seedFromEnvironment(), endOnFailure: true, reporter: compactReport },
    );
    expect(counts.overHttp).toBeGreaterThanOrEqual(overHttpRuns);
  }, 120_000);

  it('afterwards the table holds exactly the incidents and updates the valid requests wrote', async () => {
    const items = await scanAll();
    const heads = items.filter((item) => item['type'] === 'incident');
    const updates = items.filter((item) => item['type'] === 'update');
    const headOf = (item: Record<string, unknown>) => ({ id: item['id'], title: item['title'], status: item['status'], version: item['version'] });
    const updateOf = (item: Record<string, unknown>) => ({ incidentId: item['incidentId'], seq: item['seq'], status: item['status'], message: item['message'] });
    const byId = (a: { id?: unknown; incidentId?: unknown; seq?: unknown }, b: typeof a) =>
      `${String(a.id ?? a.incidentId)}#${String(a.seq ?? 0).padStart(6, '0')}`.localeCompare(`${String(b.id ?? b.incidentId)}#${String(b.seq ?? 0).padStart(6, '0')}`);

    expect(heads.map(headOf).sort(byId)).toEqual(model.incidents.map(({ id, title, status, version }) => ({ id, title, status, version })).sort(byId));
    expect(updates.map(updateOf).sort(byId)).toEqual(
      model.incidents.flatMap((incident) => incident.updates.map(({ seq, status, message }) => ({ incidentId: incident.id, seq, status, message }))).sort(byId),
    );
    expect(({} as Record<string, unknown>)['pollutedByHostileInput']).toBeUndefined();
    console.log(
      `hostile input: ${counts.inProcess} in process + ${counts.overHttp} over HTTP; ${counts.refused} refused as planned; ` +
        `${counts.written} writes (${model.incidents.length} incidents, ${model.incidents.reduce((sum, incident) => sum + incident.updates.length, 0)} updates, ${counts.postmortems} of them postmortems), ` +
        `${counts.replayed} idempotent replays; statuses ${JSON.stringify(Object.fromEntries([...counts.byStatus].sort(([a], [b]) => a - b)))}`,
    );
  });

  it('every update the valid requests wrote is fanned out with nothing left in the dead-letter file', async () => {
    expect(await local.runtime.pipeline.settled(60_000)).toBe(true);
    expect(await everyWrittenUpdateFannedOut()).toEqual([]);
    const deadLetters = existsSync(local.runtime.pipeline.deadLetterFile) ? readFileSync(local.runtime.pipeline.deadLetterFile, 'utf8') : '';
    expect(deadLetters, pipelineLog.filter((line) => /dead-letter|threw/.test(line)).slice(0, 10).join('\n')).toBe('');
  }, 150_000);

  it('headers past the local server’s 16 KiB limit get a problem+json 431, not a bare one', async () => {
    const answer = await sendOverHttp({ method: 'GET', path: '/v1/status', query: '', headers: { 'x-junk': 'j'.repeat(20_000) } });
    expect(answer.status).toBe(431);
    expectProblem(answer, 'GET /v1/status with 20 KB of headers');
  });

  it('an incident declared without components is fanned out like any other', async () => {
    const declared = await local.api.declare({ title: 'Slow page loads', impact: 'minor', message: 'Some pages load slowly.' });
    expect(declared.status).toBe(201);
    const rows = await deliveriesWhenSettled(declared.json.id as string, 6);
    expect(rows.map((row) => `${row.channel}:${row.locale}:${row.state}`).sort()).toEqual(['email:en:sent', 'email:id:sent', 'inapp:en:sent', 'inapp:id:sent', 'webhook:en:sent', 'webhook:id:sent']);
  });
});

/** `settled()` can answer before DynamoDB Local's stream shows the last writes; the ledger says when they are through. */
async function deliveriesWhenSettled(incidentId: string, expected: number) {
  for (let attempt = 0; ; attempt++) {
    await local.runtime.pipeline.settled(30_000);
    const rows = (await local.api.get(`/v1/incidents/${incidentId}/deliveries`)).json.items as { channel: string; locale: string; state: string }[];
    if ((rows.length >= expected && rows.every((row) => row.state !== 'pending')) || attempt >= 50) return rows;
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** Every update that notifies has its ledger rows: the fan-out took it (X may still wait for its thread). */
async function everyWrittenUpdateFannedOut(): Promise<string[]> {
  let missing: string[] = [];
  for (let attempt = 0; attempt < 60; attempt++) {
    missing = [];
    for (const incident of model.incidents) {
      const rows = (await local.api.get(`/v1/incidents/${incident.id}/deliveries`)).json.items as { seq: number }[];
      const seqs = new Set(rows.map((row) => row.seq));
      missing.push(...incident.updates.filter((update) => update.notify && !seqs.has(update.seq)).map((update) => `${incident.id}#${update.seq}`));
    }
    if (missing.length === 0) break;
    await new Promise((done) => setTimeout(done, 500));
  }
  return missing;
}

// ---- running a plan ------------------------------------------------------------------------------

async function run(plan: Plan, send: Transport): Promise<void> {
  const { request, expectation } = materialize(plan);
  const answer = await send(request);
  counts.byStatus.set(answer.status, (counts.byStatus.get(answer.status) ?? 0) + 1);
  const where = `${plan.kind}${plan.kind === 'refused' ? ` (${plan.why})` : ''}: ${request.method} ${request.path.slice(0, 120)}?${request.query.slice(0, 80)}`;
  expect(answer.status, `${where} answered ${answer.status}: ${answer.body.slice(0, 300)}`).toBeLessThan(500);
  if (answer.status < 200 || answer.status >= 300) expectProblem(answer, where);
  expect(expectation.statuses, `${where} answered ${answer.status}: ${answer.body.slice(0, 300)}`).toContain(answer.status);
  if (plan.kind === 'refused') counts.refused++;
  if (answer.status === 201 || answer.status === 200) expectation.accept?.(answer);
}

function expectProblem(answer: Answer, where: string): void {
  // The local-only confirm and unsubscribe links are opened in a browser: their 404 is a page for a person.
  if (answer.status === 404 && answer.headers['content-type']?.startsWith('text/html') && /^\S+: GET \/v1\/subscriptions\/(confirm|unsubscribe)\?/.test(where)) return;
  expect(answer.headers['content-type'], `${where}: content type of a ${answer.status}`).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(answer.body) as Record<string, unknown>;
  expect(problem, `${where}: problem body`).toMatchObject({ type: expect.any(String), title: expect.any(String), status: answer.status, detail: expect.any(String) });
}

function materialize(plan: Plan): { request: RawRequest; expectation: Expectation } {
  switch (plan.kind) {
    case 'refused':
      return { request: resolve(plan.request), expectation: { statuses: plan.expected } };
    case 'read':
      return { request: resolve(plan.request), expectation: { statuses: [200, 400, 404] } };
    case 'preview': {
      const incident = model.incidentAt(plan.target);
      const request = resolve({ method: 'POST', path: `/v1/incidents/${incident?.id ?? unknownId}/preview`, query: '', headers: commanderHeaders('application/json', ifMatchHeader(plan.ifMatch, incident)), body: { text: JSON.stringify(plan.body) } });
      const previewOf = 'postmortem' in plan.body ? 'postmortem' : 'update';
      // Two postmortem texts at their longest pass the 64 KiB a body may be.
      const statuses = Buffer.byteLength(request.body && 'text' in request.body ? request.body.text : '') > 64 * 1024 ? [413] : [conflictOf(incident, plan.ifMatch, previewOf) ?? 200];
      return { request, expectation: { statuses } };
    }
    case 'declare':
    case 'update':
    case 'postmortem':
      return materializeWrite(plan);
  }
}

/** A write's success: 201 for the POSTs that add, 200 for the PUT of a postmortem. */
const successOf = (request: RawRequest) => (request.method === 'PUT' ? 200 : 201);

function materializeWrite(plan: Extract<Plan, { kind: 'declare' | 'update' | 'postmortem' }>): { request: RawRequest; expectation: Expectation } {
  if (plan.key === 'replay-last' && model.lastKeyed) {
    // The same key, route and body again: the first answer comes back and nothing more is written.
    return { request: model.lastKeyed.request, expectation: { statuses: [successOf(model.lastKeyed.request)], accept: (answer) => expectReplay(answer) } };
  }
  const incident = plan.kind === 'declare' ? undefined : model.incidentAt(plan.target);
  const reused = plan.key === 'reuse-last-other-body' ? model.lastKeyed : undefined;
  const key = reused?.key ?? model.newKey(plan.key);
  const ifMatch = plan.kind === 'declare' ? {} : ifMatchHeader(plan.ifMatch, incident);
  const path = plan.kind === 'declare' ? '/v1/incidents' : `/v1/incidents/${incident?.id ?? unknownId}/${plan.kind === 'update' ? 'updates' : 'postmortem'}`;
  const request = resolve({
    method: plan.kind === 'postmortem' ? 'PUT' : 'POST',
    path,
    query: '',
    headers: { ...plan.oddHeaders, ...commanderHeaders(plan.contentType, ifMatch), ...(key === undefined ? {} : { 'idempotency-key': key }) },
    body: { text: JSON.stringify(plan.body) },
  });
  const sameAsReused = reused !== undefined && reused.request.path === request.path && reused.request.method === request.method && sameBody(reused.request, request);
  if (sameAsReused) return { request, expectation: { statuses: [successOf(request)], accept: (answer) => expectReplay(answer) } };
  if (Buffer.byteLength(request.body && 'text' in request.body ? request.body.text : '') > 64 * 1024) return { request, expectation: { statuses: [413] } };
  const conflict = plan.kind === 'declare' ? undefined : conflictOf(incident, plan.ifMatch, plan.kind);
  if (conflict !== undefined) return { request, expectation: { statuses: [conflict] } };
  if (reused) return { request, expectation: { statuses: [422] } };
  return {
    request,
    expectation: {
      statuses: [successOf(request)],
      accept: (answer) => {
        const stored = JSON.parse(answer.body) as { id: string; version: number; updates: unknown[]; title: string };
        expect(answer.headers['idempotent-replayed']).toBeUndefined();
        expect(answer.headers['location']).toBe(plan.kind === 'postmortem' ? undefined : `/v1/incidents/${stored.id}`);
        if (plan.kind === 'postmortem') {
          // Appended like an update: the incident stays resolved; only the first publication notifies by default.
          const target = incident!;
          target.version++;
          target.updates.push({ seq: target.version, status: 'resolved', message: messageByLocale(plan.body['body']), notify: (plan.body['notify'] as boolean | undefined) ?? !target.postmortemPublished });
          target.postmortemPublished = true;
          expect(stored.version).toBe(target.version);
          counts.written++;
          counts.postmortems++;
          if (key !== undefined && headersSendableOverHttp(request.headers)) model.lastKeyed = { key, request };
          return;
        }
        const message = messageByLocale(plan.body['message']);
        const status = String(plan.body['status'] ?? 'investigating');
        const notify = plan.body['notify'] !== false;
        if (plan.kind === 'declare') {
          // Stored as the API cleans commanders' text: no control, bidi or invisible character.
          model.incidents.push({ id: stored.id, title: cleanCommanderText(String(plan.body['title']), 'one-line'), status, version: 1, updates: [{ seq: 1, status, message, notify }] });
        } else {
          const target = incident!;
          target.version++;
          target.status = status;
          target.updates.push({ seq: target.version, status, message, notify });
        }
        expect(stored.version).toBe(plan.kind === 'declare' ? 1 : incident!.version);
        counts.written++;
        // Kept for a later replay only if HTTP can carry it too (the HTTP run replays it as well).
        if (key !== undefined && headersSendableOverHttp(request.headers)) model.lastKeyed = { key, request };
      },
    },
  };
}

function expectReplay(answer: Answer): void {
  expect(answer.headers['idempotent-replayed']).toBe('true');
  counts.replayed++;
}

/**
 * docs/api.md's order after the body and headers: 404, then 412 (If-Match), then 409 (an update of a
 * resolved incident, a postmortem of an open one).
 */
function conflictOf(incident: ModelIncident | undefined, ifMatch: IfMatchUse, change: 'update' | 'postmortem'): number | undefined {
  if (!incident) return 404;
  if (ifMatch === 'stale' || ifMatch === 'ahead') return 412;
  if ((change === 'update') === (incident.status === 'resolved')) return 409;
  return undefined;
}

function ifMatchHeader(use: IfMatchUse, incident: ModelIncident | undefined): Record<string, string> {
  const version = incident?.version ?? 1;
  const value = { none: undefined, current: `"${version}"`, 'current-weak': `W/"${version}"`, 'current-bare': `${version}`, stale: `"${version - 1}"`, ahead: `"${version + 1}"` }[use];
  return value === undefined ? {} : { 'if-match': value };
}

function commanderHeaders(contentType: string, extra: Record<string, string>): Record<string, string> {
  return { authorization: `Bearer ${tokenPlaceholder}`, 'content-type': contentType, ...extra };
}

const unknownId = 'inc_01JF3Z8Q4W6X2N5R7T9V1B3C5D';

function resolve(request: RawRequest): RawRequest {
  const known = model.incidentAt(request.path.length)?.id ?? unknownId;
  return {
    ...request,
    path: request.path.replace(knownIncidentPlaceholder, known),
    headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, value.replaceAll(tokenPlaceholder, local.runtime.commanderToken)])),
  };
}

function messageByLocale(message: unknown): Record<string, string> {
  const { locales, defaultLocale } = local.runtime.config;
  const byLocale = typeof message === 'string' ? {} : (message as Record<string, string>);
  const typed = (locale: string) => (typeof message === 'string' ? message : (byLocale[locale] ?? byLocale[defaultLocale]!));
  return Object.fromEntries(locales.map((locale) => [locale, cleanCommanderText(typed(locale), 'multi-line')]));
}

function sameBody(a: RawRequest, b: RawRequest): boolean {
  return JSON.stringify(a.body) === JSON.stringify(b.body);
}

// ---- transports --------------------------------------------------------------------------------

async function sendInProcess(request: RawRequest): Promise<Answer> {
  const bytes = request.body && 'bytes' in request.body ? Buffer.from(request.body.bytes) : undefined;
  const result = await inProcess.handle({
    version: '2.0',
    routeKey: '$default',
    rawPath: request.path,
    rawQueryString: request.query,
    headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value])),
    requestContext: { http: { method: request.method, path: request.path } },
    ...(bytes ? { body: bytes.toString('base64'), isBase64Encoded: true } : request.body && 'text' in request.body ? { body: request.body.text, isBase64Encoded: false } : { isBase64Encoded: false }),
  });
  return { status: result.statusCode, headers: Object.fromEntries(Object.entries(result.headers).map(([name, value]) => [name.toLowerCase(), value])), body: result.body };
}

function sendOverHttp(request: RawRequest): Promise<Answer> {
  const url = new URL(local.runtime.url);
  const body = request.body === undefined ? undefined : 'bytes' in request.body ? Buffer.from(request.body.bytes) : Buffer.from(request.body.text, 'utf8');
  return new Promise((resolveAnswer, reject) => {
    const outgoing = httpRequest(
      { agent, host: url.hostname, port: url.port, method: request.method, path: `${request.path}${request.query ? `?${request.query}` : ''}`, headers: { ...request.headers, ...(body ? { 'content-length': body.byteLength } : {}) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolveAnswer({ status: response.statusCode ?? 0, headers: flattenHeaders(response.headers), body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));
}

/** What a Node HTTP client can put on the wire: header values of Latin-1 without control characters. */
function sendableOverHttp(plan: Plan): boolean {
  // A request line past Node's 16 KiB header limit is answered 431 before routing (covered on its own below).
  if ((plan.kind === 'read' || plan.kind === 'refused') && plan.request.path.length + plan.request.query.length > 8000) return false;
  const headers = plan.kind === 'read' || plan.kind === 'refused' ? plan.request.headers : plan.kind === 'preview' ? {} : plan.oddHeaders;
  return headersSendableOverHttp(headers);
}

function headersSendableOverHttp(headers: Record<string, string>): boolean {
  return Object.values(headers).every((value) => /^[\t\x20-\x7e\x80-\xff]*$/.test(value) && value.length < 4000);
}

/** Bodies only the HTTP path sees: past the local server's 1 MiB cut-off, or of odd sizes near 64 KiB. */
function anOversizedHttpBody() {
  return fc.record({ size: fc.constantFrom(64 * 1024, 64 * 1024 + 1, 1024 * 1024 + 1, 3 * 1024 * 1024), path: fc.constantFrom('/v1/incidents', '/v1/subscriptions', '/v1/status') }).map(({ size, path }): Plan => ({
    kind: 'refused',
    why: `a ${size}-byte body`,
    expected: size > 1024 * 1024 ? [413] : path === '/v1/status' ? [405] : size > 64 * 1024 ? [413] : [400, 415],
    request: { method: 'POST', path, query: '', headers: { authorization: `Bearer ${tokenPlaceholder}`, 'content-type': 'application/json' }, body: { text: `"${'x'.repeat(size - 2)}"` } },
  }));
}

/** fast-check's own report prints the whole counterexample, megabytes for a huge body: keep it readable. */
function compactReport(details: fc.RunDetails<[Plan]>): void {
  if (!details.failed) return;
  const counterexample = JSON.stringify(details.counterexample, (_key, value: unknown) => (typeof value === 'string' && value.length > 200 ? `${value.slice(0, 200)}…(${value.length} chars)` : value));
  throw new Error(
    `hostile input failed after ${details.numRuns} runs (seed ${details.seed}, path "${details.counterexamplePath}"; rerun with HOSTILE_SEED=${details.seed}):\n` +
      `${String(details.errorInstance instanceof Error ? details.errorInstance.message : details.errorInstance).slice(0, 3000)}\ncounterexample: ${counterexample?.slice(0, 3000)}`,
  );
}

function seedFromEnvironment(): number | undefined {
  const seed = process.env['HOSTILE_SEED'];
  return seed === undefined ? undefined : Number(seed);
}

async function scanAll(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (const TableName of [local.runtime.tableName, local.runtime.recipientTableName]) {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await local.runtime.db.send(new ScanCommand({ TableName, ConsistentRead: true, ExclusiveStartKey }));
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }
  return items;
}
