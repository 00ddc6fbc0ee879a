import { Agent } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PowertoolsLoggerAdapter } from '../../../lambdas/adapters/observability/powertools-logger.js';
import { queueUrlFromArn, SqsMessageVisibility } from '../../../lambdas/adapters/sqs/message-visibility.js';
import { OutboxXPoster } from '../../../lambdas/adapters/x/outbox-x-poster.js';
import { SecretXPoster } from '../../../lambdas/adapters/x/secret-x-poster.js';
import type { ChannelEnvelope } from '../../../lambdas/core/delivery/channel-envelope.js';
import type { Delivery } from '../../../lambdas/core/incident/answer-schemas.js';
import type { DeliveryKey } from '../../../lambdas/core/ports/delivery-ledger.js';
import type { Logger } from '../../../lambdas/core/ports/logger.js';
import type { XPoster } from '../../../lambdas/core/ports/x-poster.js';
import { createXChannelHandler } from '../../../lambdas/handlers/x/create-x-channel-handler.js';
import { CountingMetrics } from '../../../local/counting-metrics.js';
import { MemoryDeliveryLedger } from '../../support/memory/memory-delivery-ledger.js';
import { RecordingLogger } from '../../support/memory/recording-logger.js';
import { callNames, recordCalls } from '../../support/memory/recording-stores.js';
import type { PortCall } from '../../support/memory/recording-stores.js';
import { duplicateContentAnswer, startXStandIn } from '../../support/x-stand-in.js';
import type { XStandIn } from '../../support/x-stand-in.js';

const region = 'eu-west-1';
const queueArn = 'arn:aws:sqs:eu-west-1:123456789012:incident-comms-x-queue';
const queueUrl = 'https://sqs.eu-west-1.amazonaws.com/123456789012/incident-comms-x-queue';
const secretArn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:XCredentials-AbCdEf';
const incidentId = 'inc_01JF3Z8Q4W6X2N5R7T9V1B3C5D';
const now = new Date('2024-12-12T08:00:00.000Z');
const nowSeconds = now.getTime() / 1000;
const credentials = {
  appKey: 'appkey-7HqLx2',
  appSecret: 'appsecret-Zx9Vb81nQ',
  accessToken: '1234567890-accesstoken-Pk2Rt',
  accessSecret: 'accesssecret-Wm4Yc6',
};

const sqs = mockClient(SQSClient);
const secrets = mockClient(SecretsManagerClient);

let x: XStandIn;
/** The ledger in memory; `put` and `row` are its test seams (a row as the test wants it, the row with its lease). */
let ledger: MemoryDeliveryLedger;
/** Every call the handler made on the ledger port. */
let ledgerCalls: PortCall[];

beforeEach(async () => {
  sqs.reset();
  secrets.reset();
  ledger = new MemoryDeliveryLedger();
  ledgerCalls = [];
  sqs.on(ChangeMessageVisibilityCommand).resolves({});
  secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(credentials) });
  x = await startXStandIn();
});

afterEach(async () => {
  await x.close();
  vi.restoreAllMocks();
});

// ---- builders ----------------------------------------------------------------------------------

function anEnvelope(overrides: Partial<ChannelEnvelope> = {}): ChannelEnvelope {
  const seq = overrides.seq ?? 1;
  return {
    version: 1,
    incidentId,
    updateId: `upd_0${seq}`,
    seq,
    kind: seq === 1 ? 'apology' : 'update',
    status: seq === 1 ? 'investigating' : 'identified',
    impact: 'major',
    locale: 'en',
    createdAt: now.toISOString(),
    x: {
      text: `Update ${seq}: we are sorry, Chat is failing for many of you. Details: https://status.nimbus.example`,
      distinctText: `Update ${seq}: we are sorry, Chat is failing for many of you. Details: https://status.nimbus.example · 8:00:00 AM UTC`,
      replyInThread: seq > 1,
    },
    ...overrides,
  };
}

let sequenceNumber = 0;

/** A receive from the X FIFO queue: the group is the envelope's incident and locale, as the fan-out publishes it. */
function anXRecord(body: ChannelEnvelope | string, { messageId = 'msg-1', receiveCount = 1 } = {}): SQSRecord {
  const group = typeof body === 'string' ? 'unreadable' : `${body.incidentId}.${body.locale}`;
  return {
    messageId,
    receiptHandle: `receipt-${messageId}-${receiveCount}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: String(now.getTime()),
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: String(now.getTime()),
      MessageGroupId: group,
      MessageDeduplicationId: `${messageId}.dedup`,
      SequenceNumber: String(++sequenceNumber),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

function anXQueueEvent(...records: SQSRecord[]): SQSEvent {
  return { Records: records };
}

function aDeliveryRow(overrides: Partial<Delivery> & { leaseUntil?: number } = {}): Delivery & { incidentId: string; leaseUntil?: number } {
  const seq = overrides.seq ?? 1;
  return { incidentId, updateId: `upd_0${seq}`, seq, channel: 'x', locale: 'en', state: 'pending', attempts: 0, updatedAt: now.toISOString(), ...overrides };
}

/** The ledger key of the X delivery of update `seq` in `locale`. */
function xKey(seq: number, locale = 'en'): DeliveryKey {
  return { incidentId, seq, channel: 'x', locale };
}

/** A container as deployed (secret-backed poster), aimed at the X stand-in; returns its handler and what it recorded. */
function aContainer(options: { poster?: XPoster; logger?: Logger; secretArn?: string } = {}) {
  const sleeps: number[] = [];
  const recording = new RecordingLogger();
  const metrics = new CountingMetrics();
  const handler = createXChannelHandler({
    ledger: recordCalls('deliveries', ledger, ledgerCalls),
    poster:
      options.poster ??
      new SecretXPoster({
        secrets: new SecretsManagerClient({ region }),
        secretArn: 'secretArn' in options ? options.secretArn : secretArn,
        twitter: { apiPrefix: x.apiPrefix, httpAgent: new Agent(), timeoutMs: 250 },
      }),
    visibility: new SqsMessageVisibility(new SQSClient({ region })),
    clock: () => now,
    logger: options.logger ?? recording,
    metrics,
    sleep: async (milliseconds) => {
      sleeps.push(milliseconds);
    },
  });
  return { handler: (event: SQSEvent): Promise<SQSBatchResponse> => handler(event, {} as Context), sleeps, logs: recording.lines, metrics };
}

function visibilityChanges() {
  return sqs.commandCalls(ChangeMessageVisibilityCommand).map((call) => call.args[0].input);
}

function failedIds(response: SQSBatchResponse): string[] {
  return response.batchItemFailures.map((failure) => failure.itemIdentifier);
}

// ---- behaviour ---------------------------------------------------------------------------------

describe('X channel handler', () => {
  it('posts an update once, signed with OAuth 1.0a user context, and settles its row sent with the post id', async () => {
    ledger.put(aDeliveryRow());
    const { handler, metrics } = aContainer();

    const response = await handler(anXQueueEvent(anXRecord(anEnvelope())));

    expect(failedIds(response)).toEqual([]);
    expect(x.requests).toHaveLength(1);
    expect(x.requests[0]).toMatchObject({ method: 'POST', url: '/2/tweets', body: { text: anEnvelope().x?.text } });
    expect(x.requests[0]?.body.reply).toBeUndefined();
    expect(x.requests[0]?.headers.authorization).toMatch(/^OAuth .*oauth_consumer_key="appkey-7HqLx2".*oauth_token="1234567890-accesstoken-Pk2Rt"/);
    expect(ledger.row(xKey(1))).toMatchObject({ state: 'sent', externalId: '1870000000000000001', attempts: 1 });
    expect(ledger.row(xKey(1))).not.toHaveProperty('leaseUntil');
    expect(metrics.recorded).toEqual([{ name: 'DeliverySent', value: 1, dimensions: { channel: 'x' } }]);
  });

  it('logs every line of a record with the incident, update and message it is about', async () => {
    ledger.put(aDeliveryRow({ seq: 1 }));
    ledger.put(aDeliveryRow({ seq: 1, locale: 'id' }));
    const { handler, logs } = aContainer();

    x.answerNext({ status: 400, body: { detail: 'Invalid Request' } });
    await handler(anXQueueEvent(anXRecord(anEnvelope({ locale: 'id' }), { messageId: 'rejected' })));
    x.answerNext({ status: 429, headers: { 'x-rate-limit-reset': String(nowSeconds + 60) }, body: { title: 'Too Many Requests' } });
    await handler(anXQueueEvent(anXRecord(anEnvelope(), { messageId: 'limited' })));
    await handler(anXQueueEvent(anXRecord(anEnvelope(), { messageId: 'limited', receiveCount: 2 })));

    expect(logs.map((line) => [line.level, line.message])).toEqual([
      ['error', 'X delivery failed; the message goes to the DLQ'],
      ['warn', 'X rate limit reached; the message waits for the reset'],
      ['info', 'posted to X'],
    ]);
    for (const line of logs) expect(line.attributes).toMatchObject({ incidentId, updateId: 'upd_01', seq: 1 });
    expect(logs.map((line) => [line.attributes['locale'], line.attributes['messageId']])).toEqual([
      ['id', 'rejected'],
      ['en', 'limited'],
      ['en', 'limited'],
    ]);
  });

  it('a redelivered message posts nothing twice', async () => {
    ledger.put(aDeliveryRow());
    const { handler, metrics } = aContainer();
    const event = anXQueueEvent(anXRecord(anEnvelope()));

    await handler(event);
    const again = await handler(event);

    expect(failedIds(again)).toEqual([]);
    expect(x.requests).toHaveLength(1);
    expect(ledger.row(xKey(1))).toMatchObject({ state: 'sent', externalId: '1870000000000000001', attempts: 1 });
    expect(metrics.total('DeliverySent', { channel: 'x' })).toBe(1);
  });

  it('a message whose row another copy is posting right now is retried once that copy’s lease runs out, posting nothing', async () => {
    // The copy holding it (or the runtime that died holding it) has 30 s of its lease left: the wait is that, not a whole lease.
    ledger.put(aDeliveryRow({ leaseUntil: now.getTime() + 30_000 }));
    const { handler } = aContainer();

    const response = await handler(anXQueueEvent(anXRecord(anEnvelope())));

    expect(failedIds(response)).toEqual(['msg-1']);
    expect(x.requests).toHaveLength(0);
    expect(visibilityChanges()).toEqual([{ QueueUrl: queueUrl, ReceiptHandle: 'receipt-msg-1-1', VisibilityTimeout: 31 }]);
  });

  it('a later update replies to the previous post of the same incident and locale', async () => {
    ledger.put(aDeliveryRow({ seq: 1, state: 'sent', externalId: '1869999999999999999' }));
    ledger.put(aDeliveryRow({ seq: 1, locale: 'id', state: 'sent', externalId: '1860000000000000000' }));
    ledger.put(aDeliveryRow({ seq: 2 }));
    const { handler } = aContainer();

    const response = await handler(anXQueueEvent(anXRecord(anEnvelope({ seq: 2 }))));

    expect(failedIds(response)).toEqual([]);
    expect(x.requests[0]?.body.reply).toEqual({ in_reply_to_tweet_id: '1869999999999999999' });
    expect(ledger.row(xKey(2))).toMatchObject({ state: 'sent', externalId: '1870000000000000001' });
  });

  it.each([
    ['failed', { state: 'failed' as const, detail: 'X rejected the post (HTTP 400): …' }],
    ['dead-lettered while still pending', { state: 'pending' as const, detail: 'X did not answer the post: HTTP 503' }],
    ['skipped', { state: 'skipped' as const, detail: 'X credentials are not set' }],
  ])('a later update after a post that was %s replies to the last post that went out, waiting for nothing', async (_name, previous) => {
    ledger.put(aDeliveryRow({ seq: 1, state: 'sent', externalId: '1869999999999999999' }));
    ledger.put(aDeliveryRow({ seq: 2, ...previous }));
    ledger.put(aDeliveryRow({ seq: 3 }));
    const { handler } = aContainer();

    const response = await handler(anXQueueEvent(anXRecord(anEnvelope({ seq: 3 }))));

    expect(failedIds(response)).toEqual([]);
    expect(x.requests).toHaveLength(1);
    expect(x.requests[0]?.body.reply).toEqual({ in_reply_to_tweet_id: '1869999999999999999' });
    expect(visibilityChanges()).toEqual([]);
  });

  it('starts the thread when no earlier update of its incident and locale went out', async () => {
    ledger.put(aDeliveryRow({ seq: 1, state: 'failed', detail: 'X rejected the post (HTTP 400): …' }));
    ledger.put(aDeliveryRow({ seq: 1, locale: 'id', state: 'sent', externalId: '1860000000000000000' }));
    ledger.put(aDeliveryRow({ seq: 2 }));
    const { handler } = aContainer();

    await handler(anXQueueEvent(anXRecord(anEnvelope({ seq: 2 }))));

    expect(x.requests[0]?.body.reply).toBeUndefined();
  });

  it('posts an update on its own, with the reason recorded, when X refuses the reply', async () => {
    ledger.put(aDeliveryRow({ seq: 1, state: 'sent', externalId: '1869999999999999999' }));
    ledger.put(aDeliveryRow({ seq: 2 }));
    x.answerNext({
      status: 403,
      body: {
        title: 'Forbidden',
        type: 'about:blank',
        status: 403,
        detail: 'Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.',
      },
    });
    const { handler, metrics, logs } = aContainer();

    const response = await handler(anXQueueEvent(anXRecord(anEnvelope({ seq: 2 }))));

    expect(failedIds(response)).toEqual([]);
    expect(x.requests.map((request) => request.body.reply)).toEqual([{ in_reply_to_tweet_id: '1869999999999999999' }, undefined]);
    expect(x.requests[1]?.body.text).toBe(anEnvelope({ seq: 2 }).x?.text);
    expect(ledger.row(xKey(2))).toMatchObject({
      state: 'sent',
      externalId: expect.any(String),
      detail: expect.stringMatching(/^posted outside the thread: X refused the reply to 1869999999999999999 \(HTTP 403: Reply to this conversation is not allowed/),
    });
    expect(metrics.recorded).toEqual([
      { name: 'XReplyRefused', value: 1, dimensions: {} },
      { name: 'DeliverySent', value: 1, dimensions: { channel: 'x' } },
    ]);
    expect(logs.some((line) => line.level === 'warn' && /refused the reply/.test(line.message))).toBe(true);
  });

  it('does not retry a reply on its own when X refuses the account itself (401)', async () => {
    ledger.put(aDeliveryRow({ seq: 1, state: 'sent', externalId: '1869999999999999999' }));
    ledger.put(aDeliveryRow({ seq: 2 }));
    x.answerNext({ status: 401, body: { title: 'Unauthorized', detail: 'Unauthorized', status: 401 } });
    const { handler, metrics } = aContainer();

    const response = await handler(anXQueueEvent(anXRecord(anEnvelope({ seq: 2 }))));

    expect(failedIds(response)).toEqual(['msg-1']);
    expect(x.requests).toHaveLength(1);
    expect(ledger.row(xKey(2))).toMatchObject({ state: 'failed', detail: 'X rejected the post (HTTP 401): Unauthorized' });
    expect(metrics.recorded).toEqual([{ name: 'DeliveryFailed', value: 1, dimensions: { channel: 'x' } }]);
  });

  it('marks the delivery failed when X refuses the post on its own too', async () => {
    ledger.put(aDeliveryRow({ seq: 1, state: 'sent', externalId: '1869999999999999999' }));
    ledger.put(aDeliveryRow({ seq: 2 }));
    const forbidden = { status: 403, body: { title: 'Forbidden', detail: 'You are not permitted to perform this action.' } };
    x.answerNext(forbidden, forbidden);
    const { handler } = aContainer();

    const response = await handler(anXQueueEvent(anXRecord(anEnvelope({ seq: 2 }))));

    expect(failedIds(response)).toEqual(['msg-1']);
    expect(x.requests).toHaveLength(2);
    expect(ledger.row(xKey(2))).toMatchObject({ state: 'failed', detail: 'X rejected the post (HTTP 403): You are not permitted to perform this action.' });
  });

  describe('when X answers 429', () => {
    const windowReset = nowSeconds + 900;
    const dayReset = nowSeconds + 7_200;
    const rateLimited = (userDayRemaining: number) => ({
      status: 429,
      headers: {
        'x-rate-limit-limit': '200',
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': String(windowReset),
        'x-user-limit-24hour-limit': '17',
        'x-user-limit-24hour-remaining': String(userDayRemaining),
        'x-user-limit-24hour-reset': String(dayReset),
      },
      body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
    });

    it('gives the claim back and holds the message until the later reset when the 24-hour limit is exhausted', async () => {
      ledger.put(aDeliveryRow());
      x.answerNext(rateLimited(0));
      const { handler, sleeps, metrics } = aContainer();

      const response = await handler(anXQueueEvent(anXRecord(anEnvelope())));

      expect(failedIds(response)).toEqual(['msg-1']);
      expect(x.requests).toHaveLength(1);
      expect(sleeps).toEqual([]);
      expect(visibilityChanges()).toEqual([{ QueueUrl: queueUrl, ReceiptHandle: 'receipt-msg-1-1', VisibilityTimeout: 7_201 }]);
      expect(ledger.row(xKey(1))).toMatchObject({ state: 'pending', detail: expect.stringContaining('rate limit') });
      expect(ledger.row(xKey(1))).not.toHaveProperty('leaseUntil');
      expect(metrics.recorded).toEqual([{ name: 'XRateLimitWait', value: 7_201, dimensions: {} }]);
    });

    it('holds the message until the 15-minute reset while the 24-hour limit has room', async () => {
      ledger.put(aDeliveryRow());
      x.answerNext(rateLimited(5));
      const { handler, metrics } = aContainer();

      await handler(anXQueueEvent(anXRecord(anEnvelope())));

      expect(visibilityChanges()).toEqual([expect.objectContaining({ VisibilityTimeout: 901 })]);
      expect(metrics.total('XRateLimitWait')).toBe(901);
    });

    it('posts once when the message comes back after the reset', async () => {
      ledger.put(aDeliveryRow());
      x.answerNext(rateLimited(0));
      const { handler, metrics } = aContainer();

      await handler(anXQueueEvent(anXRecord(anEnvelope())));
      const afterReset = await handler(anXQueueEvent(anXRecord(anEnvelope(), { receiveCount: 2 })));

      expect(failedIds(afterReset)).toEqual([]);
      expect(x.requests).toHaveLength(2);
      expect(ledger.row(xKey(1))).toMatchObject({ state: 'sent', externalId: '1870000000000000001', attempts: 2 });
      expect(metrics.recorded.map((metric) => metric.name)).toEqual(['XRateLimitWait', 'DeliverySent']);
      expect(metrics.total('DeliverySent', { channel: 'x' })).toBe(1);
    });
  });

  describe('when X fails transiently', () => {
    it.each([
      ['5xx answers', [{ status: 503 }, { status: 500, body: { title: 'Internal Server Error' } }, { status: 502 }], /HTTP 502/],
      ['timeouts', [{ hang: true as const }, { hang: true as const }, { hang: true as const }], /timeout/i],
      ['dropped connections', [{ reset: true as const }, { reset: true as const }, { reset: true as const }], /ECONNRESET|socket/i],
    ])('retries %s in-process with backoff, then gives the claim back for the queue to retry', async (_name, answers, reason) => {
      ledger.put(aDeliveryRow());
      x.answerNext(...answers);
      const { handler, sleeps, metrics } = aContainer();

      const response = await handler(anXQueueEvent(anXRecord(anEnvelope())));

      expect(failedIds(response)).toEqual(['msg-1']);
      expect(x.requests).toHaveLength(3);
      expect(sleeps).toEqual([200, 400]);
      expect(ledger.row(xKey(1))).toMatchObject({ state: 'pending', attempts: 1, detail: expect.stringMatching(reason) });
      expect(ledger.row(xKey(1))).not.toHaveProperty('leaseUntil');
      expect(metrics.recorded).toEqual([{ name: 'DeliveryRetried', value: 1, dimensions: { channel: 'x' } }]);
    });

    it('posts once when a retry succeeds', async () => {
      ledger.put(aDeliveryRow());
      x.answerNext({ status: 503 }, { hang: true });
      const { handler, sleeps, metrics } = aContainer();

      const response = await handler(anXQueueEvent(anXRecord(anEnvelope())));

      expect(failedIds(response)).toEqual([]);
      expect(sleeps).toEqual([200, 400]);
      expect(ledger.row(xKey(1))).toMatchObject({ state: 'sent', externalId: '1870000000000000001' });
      // Retries inside one receive are not queue retries: only the outcome counts.
      expect(metrics.recorded).toEqual([{ name: 'DeliverySent', value: 1, dimensions: { channel: 'x' } }]);
    });
  });

  describe('when X reports duplicate content', () => {
    it('on the first attempt, posts the words stamped with the update time: another update said the same', async () => {
      ledger.put(aDeliveryRow({ seq: 1, state: 'sent', externalId: '1869999999999999999' }));
      ledger.put(aDeliveryRow({ seq: 2 }));
      x.answerNext(duplicateContentAnswer);
      const { handler, metrics } = aContainer();

      const response = await handler(anXQueueEvent(anXRecord(anEnvelope({ seq: 2 }))));

      expect(failedIds(response)).toEqual([]);
      const envelope = anEnvelope({ seq: 2 });
      expect(x.requests.map((request) => request.body.text)).toEqual([envelope.x?.text, envelope.x?.distinctText]);
      expect(x.requests[1]?.body.reply).toEqual({ in_reply_to_tweet_id: '1869999999999999999' });
      expect(ledger.row(xKey(2))).toMatchObject({ state: 'sent', externalId: expect.any(String) });
      expect(metrics.recorded).toEqual([{ name: 'DeliverySent', value: 1, dimensions: { channel: 'x' } }]);
    });

    it('on a redelivery, settles the delivery sent without posting again: the earlier attempt got through', async () => {
      ledger.put(aDeliveryRow({ attempts: 1, detail: 'X did not answer the post: ETIMEDOUT' }));
      x.answerNext(duplicateContentAnswer);
      const { handler, metrics } = aContainer();

      const response = await handler(anXQueueEvent(anXRecord(anEnvelope(), { receiveCount: 2 })));

      expect(failedIds(response)).toEqual([]);
      expect(x.requests).toHaveLength(1);
      expect(ledger.row(xKey(1))).toMatchObject({ state: 'sent', detail: 'X reported duplicate content; the earlier post stands' });
      expect(metrics.recorded).toEqual([{ name: 'DeliverySent', value: 1, dimensions: { channel: 'x' } }]);
    });

    it('after a transient failure of the same attempt, settles the delivery sent without posting again', async () => {
      ledger.put(aDeliveryRow());
      x.answerNext({ status: 503, body: { title: 'Service Unavailable' } }, duplicateContentAnswer);
      const { handler } = aContainer();

      const response = await handler(anXQueueEvent(anXRecord(anEnvelope())));

      expect(failedIds(response)).toEqual([]);
      expect(x.requests).toHaveLength(2);
      expect(ledger.row(xKey(1))).toMatchObject({ state: 'sent', detail: 'X reported duplicate content; the earlier post stands' });
    });
  });

  describe('when X rejects the post', () => {
    it.each([
      [
        400,
        {
          title: 'Invalid Request',
          detail: 'One or more parameters to your request was invalid.',
          type: 'https://api.twitter.com/2/problems/invalid-request',
          errors: [{ message: 'Your Tweet text is too long.' }],
        },
        'X rejected the post (HTTP 400): One or more parameters to your request was invalid. Your Tweet text is too long.',
      ],
      [401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' }, 'X rejected the post (HTTP 401): Unauthorized'],
      [
        403,
        { title: 'Forbidden', type: 'about:blank', status: 403, detail: 'You are not permitted to perform this action.' },
        'X rejected the post (HTTP 403): You are not permitted to perform this action.',
      ],
    ])('marks the delivery failed with X’s reason on %i and lets the message go to the DLQ', async (status, body, detail) => {
      ledger.put(aDeliveryRow());
      x.answerNext({ status, body });
      const { handler, sleeps, metrics } = aContainer();

      const response = await handler(anXQueueEvent(anXRecord(anEnvelope())));

      expect(failedIds(response)).toEqual(['msg-1']);
      expect(x.requests).toHaveLength(1);
      expect(sleeps).toEqual([]);
      expect(ledger.row(xKey(1))).toMatchObject({ state: 'failed', detail });
      expect(visibilityChanges()).toEqual([expect.objectContaining({ VisibilityTimeout: 0 })]);
      expect(metrics.recorded).toEqual([{ name: 'DeliveryFailed', value: 1, dimensions: { channel: 'x' } }]);
    });

    it('keeps failing the redelivered message without posting, so it reaches the DLQ', async () => {
      ledger.put(aDeliveryRow({ state: 'failed', detail: 'X rejected the post (HTTP 401): Unauthorized' }));
      const { handler, metrics } = aContainer();

      const response = await handler(anXQueueEvent(anXRecord(anEnvelope(), { receiveCount: 2 })));

      expect(failedIds(response)).toEqual(['msg-1']);
      expect(x.requests).toHaveLength(0);
      expect(ledger.row(xKey(1))).toMatchObject({ state: 'failed', detail: 'X rejected the post (HTTP 401): Unauthorized' });
      // The failure was counted when it was settled; a redelivery counts nothing again.
      expect(metrics.recorded).toEqual([]);
    });
  });

  it.each([
    ['a body that is not JSON', 'SNS said hello'],
    ['a JSON body that is not a channel envelope', JSON.stringify({ version: 1, incidentId, seq: 'one' })],
  ])('fails %s permanently, touching neither X nor the ledger', async (_name, body) => {
    const { handler, logs } = aContainer();

    const response = await handler(anXQueueEvent(anXRecord(body, { messageId: 'bad' })));

    expect(failedIds(response)).toEqual(['bad']);
    expect(x.requests).toHaveLength(0);
    expect(callNames(ledgerCalls)).toEqual([]);
    expect(logs).toContainEqual(expect.objectContaining({ level: 'error', message: expect.stringContaining('malformed') }));
  });

  it('skips an envelope without an X part', async () => {
    const { handler } = aContainer();

    const response = await handler(anXQueueEvent(anXRecord(anEnvelope({ x: undefined }))));

    expect(failedIds(response)).toEqual([]);
    expect(x.requests).toHaveLength(0);
    expect(callNames(ledgerCalls)).toEqual([]);
  });

  it('reports only the failing record of a batch when the others belong to other threads', async () => {
    ledger.put(aDeliveryRow({ seq: 1 }));
    ledger.put(aDeliveryRow({ seq: 1, locale: 'id' }));
    x.answerNext({ status: 400, body: { detail: 'Invalid Request' } });
    const { handler } = aContainer();

    const response = await handler(
      anXQueueEvent(anXRecord(anEnvelope({ locale: 'id' }), { messageId: 'first' }), anXRecord(anEnvelope(), { messageId: 'second' })),
    );

    expect(failedIds(response)).toEqual(['first']);
    expect(x.requests).toHaveLength(2);
  });

  it('sends the later updates of a thread back unposted with the one that must come back, so the thread keeps its order', async () => {
    for (const seq of [1, 2, 3]) ledger.put(aDeliveryRow({ seq }));
    ledger.put(aDeliveryRow({ seq: 1, locale: 'id' }));
    x.answerNext({ status: 429, headers: { 'x-rate-limit-reset': String(nowSeconds + 60) }, body: { title: 'Too Many Requests' } });
    const { handler } = aContainer();

    const response = await handler(
      anXQueueEvent(
        anXRecord(anEnvelope({ seq: 1 }), { messageId: 'en-1' }),
        anXRecord(anEnvelope({ seq: 2 }), { messageId: 'en-2' }),
        anXRecord(anEnvelope({ seq: 1, locale: 'id' }), { messageId: 'id-1' }),
        anXRecord(anEnvelope({ seq: 3 }), { messageId: 'en-3' }),
      ),
    );

    expect(failedIds(response).sort()).toEqual(['en-1', 'en-2', 'en-3']);
    // Only the first English post was tried; the Indonesian thread went on.
    expect(x.requests).toHaveLength(2);
    expect(ledger.row(xKey(1, 'id'))).toMatchObject({ state: 'sent' });
    for (const seq of [2, 3]) expect(ledger.row(xKey(seq))).toMatchObject({ state: 'pending', attempts: 0 });
  });

  describe('credentials', () => {
    it('reads the secret once per container and never logs the credentials', async () => {
      const output: string[] = [];
      const capture = (...parts: unknown[]) => {
        output.push(parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part, Object.getOwnPropertyNames(part ?? {})))).join(' '));
        return true;
      };
      vi.spyOn(process.stdout, 'write').mockImplementation(capture);
      vi.spyOn(process.stderr, 'write').mockImplementation(capture);
      for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, method).mockImplementation(capture);
      ledger.put(aDeliveryRow({ seq: 1 }));
      ledger.put(aDeliveryRow({ seq: 2 }));
      ledger.put(aDeliveryRow({ seq: 3 }));
      x.answerNext({ status: 401, body: { title: 'Unauthorized', detail: 'Unauthorized', status: 401 } });
      const { handler } = aContainer({ logger: new PowertoolsLoggerAdapter({ serviceName: 'incident-comms-test' }) });

      await handler(anXQueueEvent(anXRecord(anEnvelope({ seq: 1 }))));
      await handler(anXQueueEvent(anXRecord(anEnvelope({ seq: 2 }))));
      await handler(anXQueueEvent(anXRecord(anEnvelope({ seq: 3 }))));

      expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
      expect(x.requests).toHaveLength(3);
      const logged = output.join('\n');
      expect(logged).toContain('posted to X');
      expect(logged).toContain('X delivery failed');
      for (const value of Object.values(credentials)) expect(logged).not.toContain(value);
      expect(logged).not.toMatch(/oauth_signature/);
    });

    it('reads the secret again on the next message when reading it failed', async () => {
      secrets.on(GetSecretValueCommand).rejectsOnce(new Error('Rate exceeded')).resolves({ SecretString: JSON.stringify(credentials) });
      ledger.put(aDeliveryRow());
      const { handler } = aContainer();

      const first = await handler(anXQueueEvent(anXRecord(anEnvelope())));
      const second = await handler(anXQueueEvent(anXRecord(anEnvelope(), { receiveCount: 2 })));

      expect(failedIds(first)).toEqual(['msg-1']);
      expect(failedIds(second)).toEqual([]);
      expect(x.requests).toHaveLength(1);
      expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
    });

    it.each([
      ['the placeholder the stack creates', JSON.stringify({ appKey: '', appSecret: '', accessToken: '', accessSecret: 'Gq8#generated' })],
      ['a value left out', JSON.stringify({ appKey: 'k', appSecret: 's', accessToken: 't' })],
      ['text that is not JSON', 'appKey=k'],
    ])('with %s in the secret, posts nothing and skips the delivery saying where to set them, with no DLQ message', async (_name, SecretString) => {
      secrets.on(GetSecretValueCommand).resolves({ SecretString });
      ledger.put(aDeliveryRow());
      const { handler, metrics } = aContainer();

      const response = await handler(anXQueueEvent(anXRecord(anEnvelope())));

      expect(failedIds(response)).toEqual([]);
      expect(x.requests).toHaveLength(0);
      expect(visibilityChanges()).toEqual([]);
      expect(ledger.row(xKey(1))).toMatchObject({
        state: 'skipped',
        detail: expect.stringContaining(`X credentials are not set in the secret ${secretArn}`),
      });
      expect(metrics.recorded).toEqual([{ name: 'XCredentialsMissing', value: 1, dimensions: {} }]);
    });
  });

  describe('locally, with the outbox poster', () => {
    it('writes each post as a JSON line in $OUTBOX_DIR/x.jsonl, threaded, and settles it sent', async () => {
      const outboxDir = await mkdtemp(path.join(tmpdir(), 'x-outbox-'));
      try {
        ledger.put(aDeliveryRow({ seq: 1 }));
        ledger.put(aDeliveryRow({ seq: 2 }));
        const { handler } = aContainer({ poster: new OutboxXPoster({ outboxDir, clock: () => now }) });

        await handler(anXQueueEvent(anXRecord(anEnvelope({ seq: 1 }))));
        await handler(anXQueueEvent(anXRecord(anEnvelope({ seq: 2 }))));

        const lines = (await readFile(path.join(outboxDir, 'x.jsonl'), 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line));
        expect(lines).toEqual([
          { id: expect.stringMatching(/^local-x-[0-9A-HJKMNP-TV-Z]{26}$/), text: anEnvelope({ seq: 1 }).x?.text, inReplyTo: null, locale: 'en', incidentId, updateId: 'upd_01', createdAt: now.toISOString() },
          { id: expect.stringMatching(/^local-x-/), text: anEnvelope({ seq: 2 }).x?.text, inReplyTo: lines[0].id, locale: 'en', incidentId, updateId: 'upd_02', createdAt: now.toISOString() },
        ]);
        expect(ledger.row(xKey(2))).toMatchObject({ state: 'sent', externalId: lines[1].id });
        expect(x.requests).toHaveLength(0);
      } finally {
        await rm(outboxDir, { recursive: true, force: true });
      }
    });
  });

  it('derives the queue URL from the record’s queue ARN', () => {
    expect(queueUrlFromArn(queueArn)).toBe(queueUrl);
    expect(queueUrlFromArn('arn:aws-cn:sqs:cn-north-1:123456789012:q')).toBe('https://sqs.cn-north-1.amazonaws.com.cn/123456789012/q');
    expect(() => queueUrlFromArn('arn:aws:sns:eu-west-1:123456789012:topic')).toThrow(/not an SQS queue ARN/);
  });
});
