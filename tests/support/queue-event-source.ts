import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Message, MessageAttributeValue, SQSClientConfig } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import type { BundledFunction } from './bundled-function.js';
import type { EventSourceMapping } from './event-source-mapping.js';

/** One poll: the records handed to the function, and the message ids it failed (left on the queue). */
export interface QueuePoll {
  readonly records: SQSRecord[];
  readonly failed: string[];
  /** What the function threw, which fails the whole batch. */
  readonly thrown?: unknown;
}

/**
 * Lambda's event source mapping over an SQS queue in moto, one poll at a time: receives up to the
 * mapping's BatchSize visible messages (a FIFO queue hands out a message group only while none of
 * it is in flight), invokes the function with them as Lambda's SQS event, and deletes every message
 * except those the function reported in `batchItemFailures`; a thrown error leaves the whole batch.
 * What is left comes back once its visibility timeout runs out, with a higher receive count, and
 * after the queue's maxReceiveCount moto moves it to the dead-letter queue, as SQS does.
 *
 * @example
 * const inapp = new QueueEventSource(clientConfig, inappMapping, inappFunction);
 * const records = await inapp.drain();
 */
export class QueueEventSource {
  private readonly client: SQSClient;

  constructor(
    clientConfig: SQSClientConfig,
    private readonly mapping: EventSourceMapping & { readonly queueUrl: string },
    private readonly handler: BundledFunction,
  ) {
    if (mapping.filterCriteria) throw new Error(`${mapping.logicalId}: filter criteria on a queue mapping are not emulated (tests/support/queue-event-source.ts)`);
    this.client = new SQSClient(clientConfig);
  }

  async poll(): Promise<QueuePoll> {
    const { Messages = [] } = await this.client.send(
      new ReceiveMessageCommand({
        QueueUrl: this.mapping.queueUrl,
        MaxNumberOfMessages: Math.min(this.mapping.batchSize, 10),
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) return { records: [], failed: [] };
    const records = Messages.map((message) => this.asLambdaRecord(message));
    let failed: string[];
    let thrown: unknown;
    try {
      const response = (await this.handler({ Records: records })) as SQSBatchResponse | undefined;
      failed = this.mapping.reportBatchItemFailures ? (response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier) : [];
    } catch (error) {
      thrown = error;
      failed = records.map((record) => record.messageId);
    }
    const done = records.filter((record) => !failed.includes(record.messageId));
    if (done.length > 0) {
      const { Failed = [] } = await this.client.send(
        new DeleteMessageBatchCommand({ QueueUrl: this.mapping.queueUrl, Entries: done.map((record, index) => ({ Id: String(index), ReceiptHandle: record.receiptHandle })) }),
      );
      if (Failed.length > 0) throw new Error(`${this.mapping.logicalId}: moto refused to delete ${Failed.length} handled messages: ${Failed.map((entry) => entry.Message).join('; ')}`);
    }
    return { records, failed, ...(thrown === undefined ? {} : { thrown }) };
  }

  /** Polls until a receive finds nothing visible; answers every record handed over, in order. */
  async drain(): Promise<SQSRecord[]> {
    const handed: SQSRecord[] = [];
    for (let poll = await this.poll(); poll.records.length > 0; poll = await this.poll()) handed.push(...poll.records);
    return handed;
  }

  private asLambdaRecord(message: Message): SQSRecord {
    return {
      messageId: message.MessageId!,
      receiptHandle: message.ReceiptHandle!,
      body: message.Body ?? '',
      attributes: message.Attributes as unknown as SQSRecord['attributes'],
      messageAttributes: lambdaMessageAttributes(message.MessageAttributes ?? {}),
      md5OfBody: message.MD5OfBody ?? '',
      eventSource: 'aws:sqs',
      eventSourceARN: this.mapping.sourceArn,
      awsRegion: this.mapping.sourceArn.split(':')[3]!,
    };
  }
}

/** SQS's message attributes as Lambda's event spells them (camel case, list fields present). */
function lambdaMessageAttributes(attributes: Record<string, MessageAttributeValue>): SQSMessageAttributes {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      {
        dataType: value.DataType ?? 'String',
        ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
        ...(value.BinaryValue !== undefined ? { binaryValue: Buffer.from(value.BinaryValue).toString('base64') } : {}),
        stringListValues: [],
        binaryListValues: [],
      },
    ]),
  );
}
