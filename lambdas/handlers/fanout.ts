import { SNSClient } from '@aws-sdk/client-sns';
import rawConfig from '../../incident-comms.config.json' with { type: 'json' };
import { systemClock } from '../adapters/clock.js';
import { DeliveryLedger } from '../adapters/dynamo/delivery-ledger.js';
import { createDocumentClient } from '../adapters/dynamo/document-client.js';
import { readLambdaEnvironment } from '../adapters/lambda-environment.js';
import { SnsNotificationTopic } from '../adapters/sns/notification-topic.js';
import { parseConfig } from '../core/config/parse-config.js';
import { createFanOutHandler } from './fanout/create-fanout-handler.js';

const { TABLE_NAME, TOPIC_ARN } = readLambdaEnvironment();
if (!TOPIC_ARN) throw new Error('TOPIC_ARN is not set; the fan-out has nowhere to publish');

/** DynamoDB stream (new timeline items) → one SNS publish per update and locale. */
export const handler = createFanOutHandler({
  config: parseConfig(rawConfig),
  ledger: new DeliveryLedger(createDocumentClient(), TABLE_NAME),
  topic: new SnsNotificationTopic(new SNSClient({}), TOPIC_ARN),
  clock: systemClock,
});
