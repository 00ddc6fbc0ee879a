import { DeleteSecretCommand, DescribeSecretCommand, RestoreSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Message } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { ChannelEnvelope } from '../../lambdas/core/delivery/channel-envelope.js';
import { environmentVariables } from '../../lambdas/core/deployment/environment-variables.js';
import { startAwsEmulator } from '../support/aws-emulator.js';
import type { AwsEmulator } from '../support/aws-emulator.js';
import { bundledApiClient } from '../support/bundled-api-client.js';
import { aDeclaration, anUpdateBody } from '../support/builders.js';
import { logicalIdOf, propertiesOf } from '../support/cloudformation-template.js';
import { findPythonTool } from '../support/python-tool.js';
import type { QueueEventSource } from '../support/queue-event-source.js';
import type { StreamEventSource } from '../support/stream-event-source.js';

const moto = findPythonTool('moto');

/**
 * The X queue's visibility timeout in this file. The template's is minutes (six times the X
 * function's timeout, as AWS advises for SQS event sources); waiting that out once per receive would
 * take a quarter of an hour, so the queue is made in moto with 1 s, the shortest SQS allows besides 0
 * (which would show no timeout at all). The receive limit is the template's own.
 */
const visibilitySeconds = 1;

interface Delivery {
  seq: number;
  channel: string;
  state: string;
  attempts: number;
  detail?: string;
}

describe.skipIf(!moto)('redelivery of a failed X message, on moto', () => {
  let aws: AwsEmulator;
  let api: ReturnType<typeof bundledApiClient>;
  let stream: StreamEventSource;
  let x: QueueEventSource;
  let secrets: SecretsManagerClient;
  let sqs: SQSClient;
  /** The secret the X function reads its credentials from (its X_SECRET_ARN). */
  let xSecretArn: string;
  let deadLetterQueueUrl: string;
  let maxReceiveCount: number;

  beforeAll(async () => {
    aws = await startAwsEmulator(moto!, inject('bundledAssembly')!, (template) => ({
      visibilityTimeoutSeconds: { [logicalIdOf(template, 'AWS::SQS::Queue', 'ChannelsXQueue')]: visibilitySeconds },
    }));
    const xQueue = aws.idOf('AWS::SQS::Queue', 'ChannelsXQueue');
    const xFunction = aws.idOf('AWS::Lambda::Function', 'ChannelsXHandler');
    api = await aws.apiClient('ApiHandler');
    stream = await aws.streamSource('FanoutHandler', aws.idOf('AWS::DynamoDB::GlobalTable', 'StoreTable'));
    secrets = new SecretsManagerClient(aws.clientConfig);
    sqs = new SQSClient(aws.clientConfig);

    const { Environment } = propertiesOf(aws.template, xFunction) as { Environment: { Variables: Record<string, unknown> } };
    xSecretArn = aws.stack.resolve(Environment.Variables[environmentVariables.xSecretArn]);
    const { RedrivePolicy } = propertiesOf(aws.template, xQueue) as { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [string, string] }; maxReceiveCount: number } };
    maxReceiveCount = RedrivePolicy.maxReceiveCount;
    deadLetterQueueUrl = aws.stack.resolve({ Ref: RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0] });
  });

  afterAll(() => aws?.stop());

  // A container that once read the secret keeps what it read: each test starts with a cold one.
  beforeEach(async () => {
    x = await aws.queueSource('ChannelsXHandler', aws.idOf('AWS::SQS::Queue', 'ChannelsXQueue'));
  });

  afterEach(async () => {
    await makeTheSecretReadable();
  });

  /**
   * An operator deleted the X secret by mistake: until it is restored, every read of it fails, and the
   * X function hands the message back to the queue as it is (visibility.test.ts has a failure that
   * changes the message's visibility first).
   */
  async function loseTheSecret(): Promise<void> {
    await secrets.send(new DeleteSecretCommand({ SecretId: xSecretArn, RecoveryWindowInDays: 7 }));
  }

  async function makeTheSecretReadable(): Promise<void> {
    const { DeletedDate } = await secrets.send(new DescribeSecretCommand({ SecretId: xSecretArn }));
    if (DeletedDate) await secrets.send(new RestoreSecretCommand({ SecretId: xSecretArn }));
  }

  async function declareOnX(): Promise<string> {
    const declared = await api('POST', '/v1/incidents', { body: aDeclaration({ channels: ['x'] }), asCommander: true });
    expect(declared.status, JSON.stringify(declared.body)).toBe(201);
    return (declared.body as { id: string }).id;
  }

  async function xDeliveriesOf(incidentId: string): Promise<Delivery[]> {
    const listed = await api('GET', `/v1/incidents/${incidentId}/deliveries`, { asCommander: true });
    return (listed.body as { items: Delivery[] }).items.filter((row) => row.channel === 'x');
  }

  /** Polls the X queue until it hands something over again; fails past a few visibility timeouts. */
  async function nextReceive(): Promise<Awaited<ReturnType<QueueEventSource['poll']>>> {
    const deadline = Date.now() + 5 * visibilitySeconds * 1000;
    for (;;) {
      const poll = await x.poll();
      if (poll.records.length > 0 || Date.now() > deadline) return poll;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Polls the X queue, which must hand nothing out, until its dead-letter queue holds something. */
  async function deadLetteredWhilePolling(): Promise<Message[]> {
    const deadline = Date.now() + 5 * visibilitySeconds * 1000;
    for (;;) {
      expect((await x.poll()).records).toEqual([]);
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: deadLetterQueueUrl, MessageSystemAttributeNames: ['MessageGroupId'] }));
      if (Messages.length > 0 || Date.now() > deadline) return Messages;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('holds the later updates of a thread behind a failed one until the visibility timeout brings it back, then hands them out in order', async () => {
    const incidentId = await declareOnX();
    await stream.drain();
    await loseTheSecret();

    const failed = await x.poll();
    expect(failed.records.map(seqAndReceives)).toEqual(['1 received 1']);
    expect(failed.failed).toEqual([failed.records[0]!.messageId]);

    // The next update is written while the first is in flight. Were both in one batch, the function
    // would fail the first and hand the second back untried (right), but moto 5.2.1 then gives a group's
    // timed-out messages back newest first (its receive checks each group against the in-flight set as
    // it stood before releasing them), where SQS gives them back oldest first: moto's order, not ours.
    const added = await api('POST', `/v1/incidents/${incidentId}/updates`, { body: anUpdateBody(), asCommander: true });
    expect(added.status).toBe(201);
    await stream.drain();
    // Neither the failed update (before its timeout) nor the next one of its message group is handed out.
    expect((await x.poll()).records).toEqual([]);
    expect((await xDeliveriesOf(incidentId)).map((row) => `${row.seq} ${row.state}`)).toEqual(['1 pending', '2 pending']);

    await makeTheSecretReadable();
    const again = await nextReceive();
    expect(again.records.map(seqAndReceives)).toEqual(['1 received 2', '2 received 1']);
    expect(again.failed).toEqual([]);
    // The secret holds the placeholder the stack creates: X has no credentials yet, so both are skipped, not failed.
    expect((await xDeliveriesOf(incidentId)).map((row) => `${row.seq} ${row.state}`)).toEqual(['1 skipped', '2 skipped']);
    expect((await x.poll()).records).toEqual([]);
  });

  it(`moves an update that keeps failing to the dead-letter queue after the redrive policy's receives, its row left pending for a redrive`, async () => {
    const incidentId = await declareOnX();
    await stream.drain();
    await loseTheSecret();

    const receives: string[] = [];
    for (let receive = 1; receive <= maxReceiveCount; receive += 1) {
      const poll = receive === 1 ? await x.poll() : await nextReceive();
      expect(poll.failed).toEqual(poll.records.map((record) => record.messageId));
      receives.push(...poll.records.map(seqAndReceives));
    }
    expect(receives).toEqual(Array.from({ length: maxReceiveCount }, (_, index) => `1 received ${index + 1}`));

    // The next receive after the last timeout finds it over the limit: SQS moves it instead of handing it out.
    const deadLettered = await deadLetteredWhilePolling();
    expect(deadLettered.map((message) => `${(JSON.parse(message.Body!) as ChannelEnvelope).incidentId} ${message.Attributes?.MessageGroupId}`)).toEqual([`${incidentId} ${incidentId}.en`]);
    const [row] = await xDeliveriesOf(incidentId);
    expect(row).toMatchObject({ state: 'pending', attempts: maxReceiveCount });
    // The reason in the row is the secret's read failing (moto's words for it differ from AWS's).
    expect(row!.detail).toMatch(/^unexpected error posting to X: .*secret/i);
  });
});

function seqAndReceives(record: SQSRecord): string {
  return `${(JSON.parse(record.body) as ChannelEnvelope).seq} received ${record.attributes.ApproximateReceiveCount}`;
}
