import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import type { Config } from '../lambdas/core/config/config-schema.js';
import { environmentVariables } from '../lambdas/core/deployment/environment-variables.js';
import { webhookQueueMaxReceiveCount, webhookSenderBatchSize, webhookSenderTimeoutSeconds } from '../lambdas/core/webhooks/webhook-sender-sizing.js';
import type { QueuedChannel, WorkQueue } from './channels.js';
import { createWorkQueue } from './channels.js';
import type { DeploymentStage } from './deployment-stage.js';
import { IncidentCommsFunction } from './lambda-function.js';
import type { SubscriptionTokenKey } from './subscription-tokens.js';

/**
 * How long the delivery queue keeps a message: retries go on for 24 hours after the first attempt
 * (`core/webhooks/webhook-retry.ts`) and the last wait is at most 12 hours (a receiver's
 * `Retry-After`), so a delivery lives at most about 36 hours; 4 days leaves it room to spare.
 */
export const webhookDeliveryRetention = Duration.days(4);

export interface WebhookDeliveryProps {
  /** The webhook channel's SNS-fed queue, consumed by the planner (built by `Channels` from the catalog). */
  readonly channel: QueuedChannel;
  readonly table: dynamodb.TableV2;
  readonly recipientTable: dynamodb.TableV2;
  readonly config: Config;
  readonly stage: DeploymentStage;
  /** The key webhook signing secrets are derived from (the subscription-token key). */
  readonly tokens: SubscriptionTokenKey;
}

/**
 * The webhook channel past its queue: the planner (the channel queue's consumer) reads the webhook
 * subscribers who hear each update and locale and queues one delivery per subscriber on the FIFO
 * delivery queue, grouped by subscriber so each receiver gets its updates in order; the workers,
 * at most `channels.webhook.maxConcurrency` at a time, POST each delivery signed, and back a
 * failed one off by changing its visibility, for at least 24 hours. The workers run outside any
 * VPC: they call receivers anywhere on the internet, and hold no right beyond their table
 * partitions, their queue and the signing key.
 *
 * @example
 * const webhooks = new WebhookDelivery(this, 'Webhook', { channel: channels.channel('webhook')!, table, recipientTable, config, stage, tokens });
 * webhooks.sender; // the workers
 */
export class WebhookDelivery extends Construct {
  public readonly planner: IncidentCommsFunction;
  public readonly send: WorkQueue;
  public readonly sender: IncidentCommsFunction;

  constructor(scope: Construct, id: string, props: WebhookDeliveryProps) {
    super(scope, id);
    this.planner = props.channel.consumer;
    const timeout = Duration.seconds(webhookSenderTimeoutSeconds);

    this.send = createWorkQueue(new Construct(this, 'Send'), {
      consumerTimeout: timeout,
      retentionPeriod: webhookDeliveryRetention,
      removalPolicy: props.stage.removalPolicy,
      // One message group per subscriber: a receiver that is down holds back only its own deliveries.
      fifo: true,
      // The workers retry a delivery themselves, far more often than the shared count.
      maxReceiveCount: webhookQueueMaxReceiveCount,
    });

    // The planner: the channel queue (an update in a locale) is attached by Channels; here the delivery queue.
    this.planner.function.addEnvironment(environmentVariables.webhookSendQueueUrl, this.send.queue.queueUrl);
    this.planner.useRecipientTable(props.recipientTable);
    this.planner.sendsTo(this.send.queue);

    this.sender = new IncidentCommsFunction(this, 'Sender', {
      handlerName: 'webhook-sender',
      config: props.config,
      description: 'POSTs each webhook delivery, signed, to its subscriber\'s public https address, and backs a failed one off for at least 24 hours',
      stage: props.stage,
      timeout,
      memorySize: 512,
    });
    this.sender.useTable(props.table);
    this.sender.useRecipientTable(props.recipientTable);
    props.tokens.grantRead(this.sender);
    // The event source grants receiving, deleting and ChangeMessageVisibility (the backoff) on this queue only.
    this.sender.function.addEventSource(
      new SqsEventSource(this.send.queue, {
        batchSize: webhookSenderBatchSize,
        // Deliveries in flight at once: what receivers and the account's concurrency are spared.
        maxConcurrency: props.config.channels.webhook.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );
  }
}
