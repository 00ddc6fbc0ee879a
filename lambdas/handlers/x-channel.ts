import { SQSClient } from '@aws-sdk/client-sqs';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { systemClock } from '../adapters/clock.js';
import { DeliveryLedger } from '../adapters/dynamo/delivery-ledger.js';
import { createDocumentClient } from '../adapters/dynamo/document-client.js';
import { readLambdaEnvironment } from '../adapters/lambda-environment.js';
import { SqsMessageVisibility } from '../adapters/sqs/message-visibility.js';
import { SecretXPoster } from '../adapters/x/secret-x-poster.js';
import { createXChannelHandler } from './x/create-x-channel-handler.js';

const { TABLE_NAME, X_SECRET_ARN } = readLambdaEnvironment();

/** SQS (X queue) → one post per update and X locale, threaded per incident; the secret is read on first post. */
export const handler = createXChannelHandler({
  ledger: new DeliveryLedger(createDocumentClient(), TABLE_NAME),
  poster: new SecretXPoster({ secrets: new SecretsManagerClient({}), secretArn: X_SECRET_ARN }),
  visibility: new SqsMessageVisibility(new SQSClient({})),
  clock: systemClock,
});
