import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Config } from '../lambdas/core/config/config-schema.js';
import { ConfigError } from '../lambdas/core/config/parse-config.js';
import { environmentVariables } from '../lambdas/core/deployment/environment-variables.js';
import { recipientsPerBatch } from '../lambdas/core/email/email-tasks.js';
import { parseMailbox } from '../lambdas/core/email/mailbox.js';
import type { Mailbox } from '../lambdas/core/email/mailbox.js';
import { sendPace } from '../lambdas/core/email/send-pace.js';
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

/** SQS event sources take at most 10 messages per batch from a standard queue with no batching window. */
const largestSqsBatch = 10;
/** An SQS event source's maximum concurrency must lie in this range. */
const sqsMaximumConcurrency = { lowest: 2, highest: 1000 };
/** Lambda stops any invocation after 15 minutes. */
const longestLambdaTimeout = Duration.minutes(15);
/** The most one mail takes a worker when the pace does not: claim (DynamoDB), SES SendEmail, settle (DynamoDB). */
const slowestMailMs = 200;
/** A batch is given half as long again as its mails should take. */
const timeoutMargin = 1.5;
/** Cold start, loading the update and the subscribers, recording the batch. */
const fixedWork = Duration.seconds(30);

/** How the sender workers are run: from `sendPace`, so that together they send `maxSendRate` mails a second. */
export interface SenderSizing {
  /** The event source's maximum concurrency: `sendPace(maxSendRate).concurrency`. */
  readonly maxConcurrency: number;
  /** Send tasks per invocation, each of up to `recipientsPerBatch` recipients. */
  readonly batchSize: number;
  readonly timeout: Duration;
}

/**
 * The sender's concurrency, batch and timeout for a sending rate. A worker spaces its mails
 * `sendPace(...).intervalMs` apart, so a batch of 10 tasks of 50 recipients takes 500 such
 * intervals; the timeout is sized for that, with a margin. Only at rates below about 1.4 mails a
 * second (the SES sandbox allows 1) would 10 tasks not fit in Lambda's 15 minutes: there the batch
 * is as many tasks as fit.
 *
 * @example
 * senderSizing(14); // { maxConcurrency: 2, batchSize: 10, timeout: 180 s }
 * senderSizing(1); // { maxConcurrency: 2, batchSize: 5, timeout: 780 s }
 */
export function senderSizing(maxSendRate: number): SenderSizing {
  const pace = sendPace(maxSendRate);
  if (pace.concurrency < sqsMaximumConcurrency.lowest || pace.concurrency > sqsMaximumConcurrency.highest) {
    throw new Error(`sendPace(${maxSendRate}) asks for ${pace.concurrency} senders; an SQS event source allows ${sqsMaximumConcurrency.lowest}-${sqsMaximumConcurrency.highest}`);
  }
  const taskSeconds = (recipientsPerBatch * Math.max(pace.intervalMs, slowestMailMs) * timeoutMargin) / 1000;
  const budgetSeconds = longestLambdaTimeout.toSeconds() - fixedWork.toSeconds();
  const batchSize = Math.min(largestSqsBatch, Math.floor(budgetSeconds / taskSeconds));
  if (batchSize < 1) {
    throw new ConfigError(
      `incident-comms.config.json: channels.email.maxSendRate ${maxSendRate} is too low: one batch of ${recipientsPerBatch} recipients at that pace cannot be sent within Lambda's 15 minutes. ` +
        'Set it to your SES sending quota (1 in the sandbox, 14 or more in production).',
    );
  }
  return { maxConcurrency: pace.concurrency, batchSize, timeout: Duration.seconds(Math.ceil(batchSize * taskSeconds + fixedWork.toSeconds())) };
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
    this.plan.queue.grantSendMessages(this.planner.function);
    this.send.queue.grantSendMessages(this.planner.function);

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
    this.send.queue.grantSendMessages(this.sender.function);
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
