import { Duration, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { DeploymentStage } from './deployment-stage.js';

/**
 * A queue that is itself where failures land (an on-failure destination, a target's or a function's
 * dead-letter queue): encrypted, TLS only, kept 14 days for an operator to replay, outliving the
 * stack outside dev. cdk-nag's "a queue needs a DLQ" does not apply to it; `why` says what it holds
 * and how it is replayed, and is recorded as the acknowledgement.
 *
 * @example
 * const queue = deadLetterDestination(this, 'DeadLetterQueue', stage, 'This queue is the DLQ of …');
 */
export function deadLetterDestination(scope: Construct, id: string, stage: DeploymentStage, why: string): sqs.Queue {
  const queue = new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    removalPolicy: stage.removalPolicy,
  });
  Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: why });
  return queue;
}
