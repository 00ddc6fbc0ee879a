import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startAwsEmulator } from '../support/aws-emulator.js';
import type { AwsEmulator } from '../support/aws-emulator.js';
import { propertiesOf } from '../support/cloudformation-template.js';
import { findPythonTool } from '../support/python-tool.js';
import type { QueueEventSource } from '../support/queue-event-source.js';

const moto = findPythonTool('moto');

// A channel function changing a message's visibility itself, on moto with the template's own
// visibility timeout (minutes): a message the X function can never read is handed back at once, not
// after the timeout, and reaches the dead-letter queue after the redrive policy's receives. Only
// possible because the functions' SQS clients send to the configured endpoint, not to the host of
// the queue URL they derive from the record's ARN.

describe.skipIf(!moto)('a malformed message on the X queue, on moto', () => {
  let aws: AwsEmulator;
  let x: QueueEventSource;
  let sqs: SQSClient;
  let queueUrl: string;
  let deadLetterQueueUrl: string;
  let maxReceiveCount: number;

  beforeAll(async () => {
    aws = await startAwsEmulator(moto!, inject('bundledAssembly')!);
    const xQueue = aws.idOf('AWS::SQS::Queue', 'ChannelsXQueue');
    const { RedrivePolicy, VisibilityTimeout } = propertiesOf(aws.template, xQueue) as {
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [string, string] }; maxReceiveCount: number };
      VisibilityTimeout: number;
    };
    expect(VisibilityTimeout).toBeGreaterThanOrEqual(60);
    maxReceiveCount = RedrivePolicy.maxReceiveCount;
    queueUrl = aws.stack.resolve({ Ref: xQueue });
    deadLetterQueueUrl = aws.stack.resolve({ Ref: RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0] });
    x = await aws.queueSource('ChannelsXHandler', xQueue);
    sqs = new SQSClient(aws.clientConfig);
  });

  afterAll(() => aws?.stop());

  it('is handed back at once by the function itself, each receive, then moved to the dead-letter queue', async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"version":1,"not":"an envelope"}', MessageGroupId: 'inc_malformed.en', MessageDeduplicationId: 'malformed-1' }));

    const receives: string[] = [];
    for (let receive = 1; receive <= maxReceiveCount; receive += 1) {
      // No waiting between polls: the template's visibility timeout would keep the message away for minutes.
      const poll = await x.poll();
      expect(poll.failed).toEqual(poll.records.map((record) => record.messageId));
      receives.push(...poll.records.map((record) => record.attributes.ApproximateReceiveCount));
    }
    expect(receives).toEqual(Array.from({ length: maxReceiveCount }, (_, index) => String(index + 1)));

    expect((await x.poll()).records).toEqual([]);
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: deadLetterQueueUrl }));
    expect(Messages.map((message) => message.Body)).toEqual(['{"version":1,"not":"an envelope"}']);
  });
});
