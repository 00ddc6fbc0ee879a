import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Config } from '../lambdas/core/config/config-schema.js';
import { ConfigError } from '../lambdas/core/config/parse-config.js';
import { environmentVariables } from '../lambdas/core/deployment/environment-variables.js';
import { parseMailbox } from '../lambdas/core/email/mailbox.js';
import type { Mailbox } from '../lambdas/core/email/mailbox.js';
import { senderSizing as coreSenderSizing } from '../lambdas/core/email/sender-sizing.js';
import type { SenderSizing as CoreSenderSizing } from '../lambdas/core/email/sender-sizing.js';
import type { QueuedChannel, WorkQueue } from './channels.js';
import { createWorkQueue } from './channels.js';
import type { DeploymentStage } from './deployment-stage.js';
import { IncidentCommsFunction } from './lambda-function.js';
import type { SesSending } from './ses-sending.js';
import type { SubscriptionTokenKey } from './subscription-tokens.js';

/**
 * The sender of customer mail, or `undefined` when the email channel is switched off. There is no
 * safe default: SES sends only from a domain the operator owns and has verified, so synth stops and
 * says which field to set.
 */
export function emailSenderFrom(config: Config, source = 'incident-comms.config.json'): Mailbox | undefined {
  const { enabled, from } = config.channels.email;
  if (!enabled) return undefined;
  const mailbox = from === undefined ? undefined : parseMailbox(from);
  if (!mailbox) {
    throw new ConfigError(
      `${source}: channels.email.from must be set to deploy with the email channel enabled: customer mail is sent through Amazon SES from a domain you own. ` +
        'Set channels.email.from to the sender, e.g. "Nimbus Status <status@nimbus.example>" (the stack creates the SES identity of its domain with DKIM; ' +
        'publish the DNS records of the stack outputs), or set channels.email.enabled to false.',
    );
  }
  return mailbox;
}

/** How the sender workers are run, as the stack deploys them: `core/email/sender-sizing.ts`'s figures with the timeout as a `Duration`. */
export interface SenderSizing extends Omit<CoreSenderSizing, 'timeoutSeconds'> {
  readonly timeout: Duration;
}

/**
 * The sender's concurrency, batch and timeout for a sending rate (the local runtime sizes its
 * workers and retry delays from the same figures).
 *
 * @example
 * senderSizing(14); // { maxConcurrency: 2, batchSize: 10, timeout: 180 s }
 */
export function senderSizing(maxSendRate: number): SenderSizing {
  const { timeoutSeconds, ...sizing } = coreSenderSizing(maxSendRate);
  return { ...sizing, timeout: Duration.seconds(timeoutSeconds) };
}

export interface EmailDeliveryProps {
  /** The email channel's SNS-fed queue, consumed by the planner (built by `Channels` from the catalog). */
  readonly channel: QueuedChannel;
  readonly table: dynamodb.TableV2;
  readonly recipientTable: dynamodb.TableV2;
  readonly config: Config;
  readonly stage: DeploymentStage;
  readonly ses: SesSending;
  readonly tokens: SubscriptionTokenKey;
}

/**
 * The email channel past its queue: the planner (the channel queue's consumer) reads the confirmed
 * subscribers of each update and locale page by page, queuing the pages still to plan on the plan
 * queue and batches of recipients on the send queue; sender workers, as many as the account's SES
 * rate needs (`sendPace`), send each recipient its own mail through SES v2. Both queues have a
 * dead-letter queue, and every consumer reports failures per record.
 *
 * @example
 * const email = new EmailDelivery(this, 'Email', { channel: channels.channel('email')!, table, recipientTable, config, stage, ses, tokens });
 * fanout.handOverMailTo(email);
 */
export class EmailDelivery extends Construct {
  public readonly planner: IncidentCommsFunction;
  public readonly plan: WorkQueue;
  public readonly send: WorkQueue;
  public readonly sender: IncidentCommsFunction;
  public readonly senderSizing: SenderSizing;

  constructor(scope: Construct, id: string, props: EmailDeliveryProps) {
    super(scope, id);
    this.planner = props.channel.consumer;
    this.senderSizing = senderSizing(props.config.channels.email.maxSendRate);

    this.plan = createWorkQueue(new Construct(this, 'Plan'), { consumerTimeout: this.planner.timeout, removalPolicy: props.stage.removalPolicy });
    this.send = createWorkQueue(new Construct(this, 'Send'), { consumerTimeout: this.senderSizing.timeout, removalPolicy: props.stage.removalPolicy });

    // The planner: the channel queue (an update in a locale to start) is attached by Channels; here its own plan queue.
    this.planner.function.addEnvironment(environmentVariables.emailPlanQueueUrl, this.plan.queue.queueUrl);
    this.planner.function.addEnvironment(environmentVariables.emailSendQueueUrl, this.send.queue.queueUrl);
    this.planner.function.addEventSource(new SqsEventSource(this.plan.queue, { batchSize: 10, reportBatchItemFailures: true }));
    this.planner.useRecipientTable(props.recipientTable);
    this.planner.sendsTo(this.plan.queue);
    this.planner.sendsTo(this.send.queue);

    this.sender = new IncidentCommsFunction(this, 'Sender', {
      handlerName: 'email-sender',
      config: props.config,
      description: 'Sends each recipient of a batch its own mail through Amazon SES v2, at its share of the account sending rate, once per recipient',
      stage: props.stage,
      timeout: this.senderSizing.timeout,
      memorySize: 512,
      environment: {
        [environmentVariables.sesConfigurationSet]: props.ses.configurationSet.configurationSetName,
        // A batch SES throttles is put back on its own queue as a fresh, delayed message.
        [environmentVariables.emailSendQueueUrl]: this.send.queue.queueUrl,
      },
    });
    this.sender.sendsTo(this.send.queue);
    this.sender.useTable(props.table);
    this.sender.useRecipientTable(props.recipientTable);
    props.tokens.grantRead(this.sender);
    props.ses.grantSendEmail(this.sender);
    this.sender.function.addEventSource(
      new SqsEventSource(this.send.queue, {
        batchSize: this.senderSizing.batchSize,
        // The workers' paces add up to the account's rate only if no more of them run than planned.
        maxConcurrency: this.senderSizing.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );
  }

  /** The plan queue, as the fan-out's hand-over takes it. */
  get planQueue(): sqs.IQueue {
    return this.plan.queue;
  }

  /** The send queue, as the fan-out's hand-over takes it. */
  get sendQueue(): sqs.IQueue {
    return this.send.queue;
  }
}
