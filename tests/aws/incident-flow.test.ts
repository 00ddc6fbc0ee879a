import { GetScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord, SQSRecord } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDocumentClient } from '../../lambdas/adapters/dynamo/document-client.js';
import { ledgerKeys } from '../../lambdas/adapters/dynamo/item-keys.js';
import type { ChannelEnvelope } from '../../lambdas/core/delivery/channel-envelope.js';
import { environmentVariables } from '../../lambdas/core/deployment/environment-variables.js';
import { repositoryConfig } from '../infra/synthesize-stack.js';
import { startAwsEmulator } from '../support/aws-emulator.js';
import type { AwsEmulator } from '../support/aws-emulator.js';
import { bundledApiClient } from '../support/bundled-api-client.js';
import { aDeclaration, anUpdateBody } from '../support/builders.js';
import { propertiesOf } from '../support/cloudformation-template.js';
import type { CloudFormationTemplate } from '../support/cloudformation-template.js';
import { findPythonTool } from '../support/python-tool.js';
import type { QueueEventSource } from '../support/queue-event-source.js';
import type { StreamEventSource } from '../support/stream-event-source.js';

const moto = findPythonTool('moto');
/** The configuration the stack under test was synthesized from (tests/infra/synthesize-stack.ts). */
const config = repositoryConfig();

interface Delivery {
  seq: number;
  channel: string;
  locale: string;
  state: string;
  detail?: string;
}

describe.skipIf(!moto)('an incident through the deployed functions, on moto', () => {
  let aws: AwsEmulator;
  let api: ReturnType<typeof bundledApiClient>;
  let stream: StreamEventSource;
  let channels: { inapp: QueueEventSource; x: QueueEventSource; email: QueueEventSource };
  let emailPlanning: QueueEventSource;
  let db: ReturnType<typeof createDocumentClient>;
  let tableName: string;
  /** The locales the X queue's subscription lets through (its filter policy in the template). */
  let xLocales: string[];

  beforeAll(async () => {
    aws = await startAwsEmulator(moto!, inject('bundledAssembly')!);
    const table = aws.idOf('AWS::DynamoDB::GlobalTable', 'StoreTable');
    const queue = (prefix: string) => aws.idOf('AWS::SQS::Queue', prefix);
    api = await aws.apiClient('ApiHandler');
    stream = await aws.streamSource('FanoutHandler', table);
    channels = {
      inapp: await aws.queueSource('ChannelsInappHandler', queue('ChannelsInappQueue')),
      x: await aws.queueSource('ChannelsXHandler', queue('ChannelsXQueue')),
      // The email channel's consumer is the planner, which also reads its own queue of pages to plan.
      email: await aws.queueSource('ChannelsEmailHandler', queue('ChannelsEmailQueue')),
    };
    emailPlanning = await aws.queueSource('ChannelsEmailHandler', queue('EmailPlanQueue'));
    db = createDocumentClient(new DynamoDBClient(aws.clientConfig));
    tableName = aws.stack.resolve({ Ref: table });
    xLocales = (subscriptionOf(aws.template, queue('ChannelsXQueue'))['FilterPolicy'] as { locale: string[] }).locale;
  });

  afterAll(() => aws?.stop());

  // Each test starts from a quiet stack: nothing left on the stream or in a queue for the next one.
  afterEach(async () => {
    await settle();
  });

  /** Runs every mapping until nothing moves: stream to fan-out, each queue to its consumer. */
  async function settle(): Promise<{ [Channel in keyof typeof channels]: SQSRecord[] }> {
    const handed = { inapp: [] as SQSRecord[], x: [] as SQSRecord[], email: [] as SQSRecord[] };
    for (let moved = true; moved; ) {
      const { delivered } = await stream.drain();
      const inapp = await channels.inapp.drain();
      const x = await channels.x.drain();
      const email = await channels.email.drain();
      const pages = await emailPlanning.drain();
      handed.inapp.push(...inapp);
      handed.x.push(...x);
      handed.email.push(...email);
      moved = delivered.length + inapp.length + x.length + email.length + pages.length > 0;
    }
    return handed;
  }

  async function declare(overrides: Record<string, unknown>): Promise<string> {
    const declared = await api('POST', '/v1/incidents', { body: aDeclaration(overrides), asCommander: true });
    expect(declared.status, JSON.stringify(declared.body)).toBe(201);
    return (declared.body as { id: string }).id;
  }

  async function deliveriesOf(incidentId: string): Promise<Delivery[]> {
    const listed = await api('GET', `/v1/incidents/${incidentId}/deliveries`, { asCommander: true });
    expect(listed.status).toBe(200);
    return (listed.body as { items: Delivery[] }).items;
  }

  it('puts each publish on exactly the channel queues whose filter policy selects it: the channels the incident names, X only in its own locales', async () => {
    const inappOnly = await declare({ channels: ['inapp'] });
    const xAndInapp = await declare({ channels: ['x', 'inapp'] });
    const emailOnly = await declare({ channels: ['email'] });

    const handed = await settle();

    const received = (records: SQSRecord[]) => records.map((record) => envelopeOf(record)).map(({ incidentId, locale }) => `${incidentId} ${locale}`).sort();
    const everyLocale = (incidentId: string) => config.locales.map((locale) => `${incidentId} ${locale}`);
    expect(received(handed.inapp)).toEqual([...everyLocale(inappOnly), ...everyLocale(xAndInapp)].sort());
    expect(received(handed.x)).toEqual(xLocales.map((locale) => `${xAndInapp} ${locale}`).sort());
    expect(received(handed.email)).toEqual(everyLocale(emailOnly));
    // Nothing was routed to a channel the incident left out, so no row waits on one.
    expect((await deliveriesOf(inappOnly)).map((row) => `${row.channel} ${row.state}`)).toEqual(config.locales.map(() => 'inapp sent'));
    expect((await deliveriesOf(emailOnly)).map((row) => `${row.channel} ${row.state}`)).toEqual(config.locales.map(() => 'email sent'));
    // Each open incident's "next update by" promise is a one-time schedule the fan-out created.
    const scheduler = new SchedulerClient(aws.clientConfig);
    const schedule = await scheduler.send(new GetScheduleCommand({ Name: `promise-${inappOnly}`, GroupName: 'incident-comms-dev' }));
    scheduler.destroy();
    expect(schedule.ScheduleExpression).toMatch(/^at\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\)$/);
    expect(JSON.parse(schedule.Target!.Input!)).toEqual({ kind: 'promise-due', incidentId: inappOnly, version: 1 });
    expect(schedule.ActionAfterCompletion).toBe('DELETE');
  });

  it('hands each channel an incident’s updates in seq order, one message group per incident and locale, and settles each row once: in-app sent, X without credentials skipped', async () => {
    const incidentId = await declare({ channels: ['x', 'inapp'] });
    for (const status of ['identified', 'monitoring', 'resolved']) {
      const added = await api('POST', `/v1/incidents/${incidentId}/updates`, { body: anUpdateBody({ status }), asCommander: true });
      expect(added.status, JSON.stringify(added.body)).toBe(201);
    }

    const handed = await settle();

    const seqsByGroup = (records: SQSRecord[]) => {
      const groups: Record<string, number[]> = {};
      for (const record of records) (groups[record.attributes.MessageGroupId ?? 'none'] ??= []).push(envelopeOf(record).seq);
      return groups;
    };
    expect(seqsByGroup(handed.inapp)).toEqual(Object.fromEntries(config.locales.map((locale) => [`${incidentId}.${locale}`, [1, 2, 3, 4]])));
    expect(seqsByGroup(handed.x)).toEqual(Object.fromEntries(xLocales.map((locale) => [`${incidentId}.${locale}`, [1, 2, 3, 4]])));

    const rows = await deliveriesOf(incidentId);
    expect(rows.filter((row) => row.channel === 'inapp').map((row) => row.state)).toEqual(Array(4 * config.locales.length).fill('sent'));
    // The fan-out kept the promise's timer in the stage's schedule group on the way (moto's
    // EventBridge Scheduler), and deleted it with the resolution.
    const scheduler = new SchedulerClient(aws.clientConfig);
    await expect(scheduler.send(new GetScheduleCommand({ Name: `promise-${incidentId}`, GroupName: 'incident-comms-dev' }))).rejects.toThrow(/not found|does not exist/i);
    scheduler.destroy();
    const xRows = rows.filter((row) => row.channel === 'x');
    expect(xRows.map((row) => row.state)).toEqual(Array(4 * xLocales.length).fill('skipped'));
    // The X function read the secret the stack made: a placeholder, which means "no credentials yet".
    const xSecretArn = aws.stack.resolve((propertiesOf(aws.template, aws.idOf('AWS::Lambda::Function', 'ChannelsXHandler')) as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables[environmentVariables.xSecretArn]);
    for (const row of xRows) expect(row.detail).toContain(`X credentials are not set in the secret ${xSecretArn}`);
  });

  it('drops a second publish of an update by its deduplication id: a crash between SNS taking it and its publish record leaves one message per locale', async () => {
    const incidentId = await declare({ channels: ['inapp'] });
    const { delivered } = await stream.drain();
    const publishRecord = { TableName: tableName, Key: { pk: ledgerKeys.partition(incidentId), sk: ledgerKeys.publish(1, config.defaultLocale) } };
    expect((await db.send(new GetCommand(publishRecord))).Item).toBeDefined();

    // The crash: SNS accepted the publish, the record of it was never written, and Lambda retries the stream record.
    await db.send(new DeleteCommand(publishRecord));
    await stream.redeliver(delivered);

    // The fan-out did publish that locale again (it wrote the record anew) ...
    expect((await db.send(new GetCommand(publishRecord))).Item).toBeDefined();
    // ... and the queue kept one copy. moto's FIFO topic forwards the copy; its FIFO queue drops it because
    // the first is still queued. SNS drops it at the topic, and SQS remembers the id for 5 minutes.
    const handed = await settle();
    expect(handed.inapp.map((record) => `${envelopeOf(record).incidentId} ${envelopeOf(record).locale} ${record.attributes.MessageDeduplicationId}`).sort()).toEqual(
      config.locales.map((locale) => `${incidentId} ${locale} ${envelopeOf(handed.inapp[0]!).updateId}.${locale}`).sort(),
    );
    expect((await deliveriesOf(incidentId)).map((row) => `${row.locale} ${row.state}`)).toEqual(config.locales.map((locale) => `${locale} sent`));
  });

  it('wakes the fan-out only for the inserts its filter names: incident heads, ledger rows, publish records and feed items written to the same table never reach it', async () => {
    const incidentId = await declare({ channels: ['inapp'] });
    const declared = await stream.drain();
    expect(declared.read.map(describeRecord)).toEqual([`INSERT incident`, `INSERT update`]);
    expect(declared.delivered.map(describeRecord)).toEqual([`INSERT update`]);

    await channels.inapp.drain();
    const delivering = await stream.drain();
    // moto's stream holds what the fan-out and the in-app function wrote for this update ...
    expect(new Set(delivering.read.map(describeRecord))).toEqual(new Set(['INSERT delivery', 'INSERT publish', 'INSERT feed', 'INSERT feed-written', 'MODIFY delivery']));
    const updateId = declared.delivered[0]!.dynamodb!.NewImage!['id']!.S!;
    const ofThisUpdate = (record: DynamoDBRecord) => [incidentId, updateId].some((id) => JSON.stringify(record.dynamodb?.NewImage).includes(id));
    expect(delivering.read.filter((record) => !ofThisUpdate(record)).map(describeRecord)).toEqual([]);
    // ... and the filter let none of it through.
    expect(delivering.delivered).toEqual([]);

    // A subscriber's confirmation mail request does pass: the fan-out hands it to the senders' queue.
    const subscribed = await api('POST', '/v1/subscriptions', { body: { email: 'ana@example.com', locale: 'id' } });
    expect(subscribed.status, JSON.stringify(subscribed.body)).toBe(202);
    const subscribing = await stream.drain();
    expect(subscribing.read.map(describeRecord)).toContain('INSERT rate-window');
    expect(subscribing.delivered.map(describeRecord)).toEqual(['INSERT mail-request']);
    const sendQueue = new SQSClient(aws.clientConfig);
    const sendQueueUrl = aws.stack.resolve({ Ref: aws.idOf('AWS::SQS::Queue', 'EmailSendQueue') });
    const { Messages = [] } = await sendQueue.send(new ReceiveMessageCommand({ QueueUrl: sendQueueUrl, MaxNumberOfMessages: 10 }));
    expect(Messages.map((message) => JSON.parse(message.Body!) as { kind: string; mail: string })).toEqual([
      expect.objectContaining({ kind: 'subscription-mail', mail: 'confirmation', requestId: subscribing.delivered[0]!.dynamodb!.NewImage!['id']!.S }),
    ]);
    for (const message of Messages) await sendQueue.send(new DeleteMessageCommand({ QueueUrl: sendQueueUrl, ReceiptHandle: message.ReceiptHandle! }));
  });
});

/** The properties of the SNS subscription that feeds the queue `queueId`. */
function subscriptionOf(template: CloudFormationTemplate, queueId: string): Record<string, unknown> {
  const [subscription] = Object.values(template.Resources).filter(
    (resource) => resource.Type === 'AWS::SNS::Subscription' && JSON.stringify(resource.Properties?.['Endpoint']) === JSON.stringify({ 'Fn::GetAtt': [queueId, 'Arn'] }),
  );
  if (!subscription) throw new Error(`no SNS subscription delivers to ${queueId}`);
  return subscription.Properties ?? {};
}

function envelopeOf(record: SQSRecord): ChannelEnvelope {
  return JSON.parse(record.body) as ChannelEnvelope;
}

function describeRecord(record: DynamoDBRecord): string {
  return `${record.eventName} ${record.dynamodb?.NewImage?.['type']?.S ?? '(no image)'}`;
}
