import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Config } from '../lambdas/core/config/config-schema.js';
import { fanOutRetryAttempts } from '../lambdas/core/channels/queue-redrive.js';
import { environmentVariables } from '../lambdas/core/deployment/environment-variables.js';
import type { DeploymentStage } from './deployment-stage.js';
import { deadLetterDestination } from './dead-letter-destination.js';
import { IncidentCommsFunction } from './lambda-function.js';
import { fanoutStreamFilter, fanoutStreamFilterWithoutEmail } from './stream-filters.js';

export interface FanoutProps {
  readonly table: dynamodb.TableV2;
  readonly config: Config;
  readonly stage: DeploymentStage;
}

/** The email pipeline's send queue, as the fan-out is told of it. */
export interface EmailSendQueue {
  readonly sendQueue: sqs.IQueue;
}


/**
 * The table's stream (the outbox) drives the fan-out Lambda, which publishes each update once per
 * locale to the `incident-notifications` SNS topic (KMS-encrypted, TLS only), and hands each new
 * mail request to the email senders (`handOverMailTo`). Records that still fail after the retries
 * go, with their stream coordinates, to an on-failure queue that is alarmed.
 *
 * @example
 * const fanout = new Fanout(this, 'Fanout', { table, config, stage });
 * fanout.topic.addSubscription(...);
 * fanout.handOverMailTo(emailDelivery);
 */
export class Fanout extends Construct {
  public readonly topic: sns.Topic;
  public readonly handler: IncidentCommsFunction;
  /** Where stream records go after the retries are spent: a dead-letter queue in all but name. */
  public readonly failureQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: FanoutProps) {
    super(scope, id);

    const topicKey = new kms.Key(this, 'TopicKey', {
      description: 'Encrypts incident notifications at rest in SNS',
      enableKeyRotation: true,
      removalPolicy: props.stage.removalPolicy,
    });
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: props.config.serviceName,
      // FIFO: each channel's queue receives an incident's updates in order (one message group per
      // incident and locale), so an X thread is posted in order by the engine, not by waiting; SNS
      // drops a re-published update by its deduplication id. Throughput is per message group.
      fifo: true,
      fifoThroughputScope: sns.FifoThroughputScope.MESSAGE_GROUP,
      masterKey: topicKey,
      enforceSSL: true,
    });
    // Its subscriptions are the channels' wiring: a destroyed topic would strand queued updates.
    this.topic.applyRemovalPolicy(props.stage.removalPolicy);
    // Its only subscribers are the channel catalog's queues, over SQS: no principal, however broad
    // its own rights, may attach an email, HTTP or Lambda endpoint to the customer notifications.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'SubscribeOnlyQueues',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['sns:Subscribe'],
        resources: [this.topic.topicArn],
        conditions: { StringNotEquals: { 'sns:Protocol': 'sqs' } },
      }),
    );

    this.failureQueue = deadLetterDestination(
      this,
      'StreamFailureQueue',
      props.stage,
      'This queue is itself a dead-letter destination: the on-failure destination of the fan-out stream mapping. Nothing consumes it automatically; its depth is alarmed and an operator replays from the stream coordinates it holds.',
    );

    this.handler = new IncidentCommsFunction(this, 'Handler', {
      handlerName: 'fanout',
      config: props.config,
      description: 'Renders each new timeline update per locale and publishes it once per locale to the notifications topic',
      stage: props.stage,
      timeout: Duration.seconds(60),
      memorySize: 1024,
      environment: { [environmentVariables.topicArn]: this.topic.topicArn },
    });
    this.handler.useTable(props.table);
    this.topic.grantPublish(this.handler.function);

    this.handler.function.addEventSource(
      new DynamoEventSource(props.table, {
        // TRIM_HORIZON: an update written before the mapping first polls is still sent.
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        filters: (props.config.channels.email.enabled ? fanoutStreamFilter : fanoutStreamFilterWithoutEmail).map((pattern) => lambda.FilterCriteria.filter(pattern)),
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: fanOutRetryAttempts,
        // An apology that is a day late is worse than none; after a day the record goes to the failure queue.
        maxRecordAge: Duration.hours(24),
        onFailure: new SqsDlq(this.failureQueue),
      }),
    );

    this.handler.acknowledgeWildcard(
      'Action::kms:GenerateDataKey*',
      'Granted by topic.grantPublish on the topic key only: publishing to a KMS-encrypted topic needs kms:GenerateDataKey* (the * covers GenerateDataKeyWithoutPlaintext) and kms:Decrypt.',
    );
  }

  /**
   * Lets the fan-out hand the mail requests of its stream (confirmation and preferences mails) to the
   * email senders: it may send to the send queue only.
   */
  handOverMailTo(queues: EmailSendQueue): void {
    this.handler.function.addEnvironment(environmentVariables.emailSendQueueUrl, queues.sendQueue.queueUrl);
    this.handler.sendsTo(queues.sendQueue);
  }
}
