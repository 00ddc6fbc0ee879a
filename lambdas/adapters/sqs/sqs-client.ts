import { SQSClient } from '@aws-sdk/client-sqs';

/**
 * The one way an SQS client is made here: it sends to the configured endpoint (the region's, or
 * `AWS_ENDPOINT_URL` under an emulator), not to the host of each request's queue URL, which the SDK
 * prefers by default. Deployed they are the same host; under moto or LocalStack the queue URLs we
 * derive from ARNs name real AWS.
 *
 * @example
 * const visibility = new SqsMessageVisibility(createSqsClient());
 */
export function createSqsClient(): SQSClient {
  return new SQSClient({ useQueueUrlAsEndpoint: false });
}
