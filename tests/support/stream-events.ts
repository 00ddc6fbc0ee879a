import { marshall } from '@aws-sdk/util-dynamodb';
import { incidentKeys } from '../../lambdas/adapters/dynamo/item-keys.js';
import { itemTypes } from '../../lambdas/core/store/table-definition.js';
import type { DynamoDBStreamEvent, SQSEvent } from 'aws-lambda';
import type { TimelineUpdate } from '../../lambdas/core/incident/model.js';
import type { ChannelEnvelope } from '../../lambdas/core/delivery/channel-envelope.js';

let sequence = 1000;

/** A DynamoDB stream event carrying newly inserted timeline items, as Lambda delivers it. */
export function aStreamEventOf(...updates: TimelineUpdate[]): DynamoDBStreamEvent {
  return {
    Records: updates.map((update) => ({
      eventID: `event-${update.id}`,
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      eventSourceARN: 'arn:aws:dynamodb:us-east-1:123456789012:table/incidents/stream/2024-12-12T00:00:00.000',
      dynamodb: {
        SequenceNumber: String(sequence++),
        Keys: marshall({ pk: incidentKeys.partition(update.incidentId), sk: incidentKeys.update(update.seq) }) as never,
        NewImage: marshall({ pk: incidentKeys.partition(update.incidentId), sk: incidentKeys.update(update.seq), type: itemTypes.update, ...update }) as never,
      },
    })),
  };
}

/** An SQS event whose bodies are channel envelopes, as raw SNS delivery leaves them. */
export function anSqsEventOf(...envelopes: ChannelEnvelope[]): SQSEvent {
  return {
    Records: envelopes.map((envelope, index) => ({
      messageId: `message-${envelope.updateId}-${envelope.locale}-${index}`,
      receiptHandle: `receipt-${index}`,
      body: JSON.stringify(envelope),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'sns', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:inapp',
      awsRegion: 'us-east-1',
    })),
  };
}
