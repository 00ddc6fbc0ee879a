import { Duration, Validations } from 'aws-cdk-lib';
import type { RemovalPolicy } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { queuedChannels } from '../lambdas/core/channels/channel-catalog.js';
import type { ChannelDeclaration, FilterPolicy } from '../lambdas/core/channels/channel-catalog.js';
import { maxReceiveCount, visibilityTimeoutPerConsumerTimeout } from '../lambdas/core/channels/queue-redrive.js';
import type { Config } from '../lambdas/core/config/config-schema.js';
import { environmentVariables } from '../lambdas/core/deployment/environment-variables.js';
import type { Channel } from '../lambdas/core/incident/vocabulary.js';
import type { DeploymentStage } from './deployment-stage.js';
import { IncidentCommsFunction } from './lambda-function.js';


/** A secret a channel's consumer reads its provider credentials from, created empty for the operator to fill. */
interface ChannelCredentials {
  readonly description: string;
  /** The secret's JSON with empty values; `generatedKey` is filled with a random placeholder. */
  readonly template: Record<string, string>;
  readonly generatedKey: string;
  /** The variable that hands the consumer the secret's ARN. */
  readonly environmentVariable: string;
  /** Why the secret has no rotation Lambda (cdk-nag AwsSolutions-SMG4). */
  readonly noRotationBecause: string;
}

/** How each queued channel of the catalog is consumed; a new queued channel must be declared here. */
interface ChannelConsumer {
  /** What alarms and the dashboard call the consumer: `XChannel`, `EmailPlanner`. */
  readonly monitoringName: string;
  readonly handlerName: string;
  readonly description: string;
  readonly memorySize: number;
  /** Variables of the configuration the consumer reads from its environment. */
  readonly environment?: (config: Config) => Record<string, string>;
  readonly credentials?: ChannelCredentials;
}

const channelConsumers: Partial<Record<Channel, ChannelConsumer>> = {
  email: {
    monitoringName: 'EmailPlanner',
    handlerName: 'email-planner',
    description:
      'Plans the email of each update and locale: reads the confirmed subscribers page by page and queues recipient batches for the email senders',
    memorySize: 512,
  },
  x: {
    monitoringName: 'XChannel',
    handlerName: 'x-channel',
    description: 'Posts incident updates to X (threads per incident and locale) and records each post in the delivery ledger',
    memorySize: 512,
    credentials: {
      description:
        'OAuth 1.0a user-context credentials of the X account that posts incident updates: JSON {"appKey","appSecret","accessToken","accessSecret"}. Created as a placeholder (empty appKey); set the real values with aws secretsmanager put-secret-value.',
      // The placeholder holds no credential: the X handler treats an empty key as "not configured yet".
      template: { appKey: '', appSecret: '', accessToken: '' },
      generatedKey: 'accessSecret',
      environmentVariable: environmentVariables.xSecretArn,
      noRotationBecause:
        'X issues these OAuth 1.0a tokens in its developer portal and offers no API to rotate them, so a rotation Lambda cannot exist; operators regenerate them in the portal and put-secret-value (docs/operations.md).',
    },
  },
  inapp: {
    monitoringName: 'InappChannel',
    handlerName: 'inapp-channel',
    description: 'Writes incident updates to the in-app feed, one item per update and locale',
    memorySize: 512,
    environment: (config) => ({ [environmentVariables.feedRetentionDays]: String(config.channels.inapp.feedRetentionDays) }),
  },
  webhook: {
    monitoringName: 'WebhookPlanner',
    handlerName: 'webhook-planner',
    description:
      'Plans the webhook deliveries of each update and locale: reads the webhook subscribers who hear it and queues one delivery per subscriber for the webhook workers',
    memorySize: 512,
  },
};

/** The parts of one queued channel that monitoring and tests reach for. */
export interface QueuedChannel {
  /** The channel's construct id, `X` or `Inapp`, also used to name its alarms. */
  readonly id: string;
  readonly declaration: ChannelDeclaration;
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly consumer: IncidentCommsFunction;
  /** What alarms and the dashboard call the consumer (`XChannel`, `InappChannel`, `EmailPlanner`). */
  readonly consumerName: string;
  /** The provider credentials the consumer reads, when its channel needs any. */
  readonly credentials?: secretsmanager.Secret;
}

export interface ChannelsProps {
  readonly topic: sns.Topic;
  readonly table: dynamodb.TableV2;
  readonly config: Config;
  readonly stage: DeploymentStage;
}

/** A work queue and the dead-letter queue it moves a message to after `maxReceiveCount` receives. */
export interface WorkQueue {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
}

/**
 * A queue drained by a Lambda event source, as every queue of the stack is built: SQS-managed
 * encryption, TLS only, a visibility timeout of six times the consumer's timeout, and a dead-letter
 * queue (kept 14 days) after `maxReceiveCount` receives (the shared one unless the consumer retries
 * on its own schedule). Creates `Queue` and `DeadLetterQueue` in `scope`.
 *
 * @example
 * const { queue, deadLetterQueue } = createWorkQueue(this, { consumerTimeout: Duration.seconds(60), removalPolicy: stage.removalPolicy });
 */
export function createWorkQueue(scope: Construct, options: WorkQueueOptions): WorkQueue {
  // A FIFO queue's dead-letter queue must be FIFO too. High throughput: limits apply per message group.
  const fifo = options.fifo ? { fifo: true, fifoThroughputLimit: sqs.FifoThroughputLimit.PER_MESSAGE_GROUP_ID, deduplicationScope: sqs.DeduplicationScope.MESSAGE_GROUP } : {};
  const deadLetterQueue = new sqs.Queue(scope, 'DeadLetterQueue', {
    ...fifo,
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    // What it holds is what an operator redrives: it outlives the stack outside dev.
    removalPolicy: options.removalPolicy,
  });
  const queue = new sqs.Queue(scope, 'Queue', {
    ...fifo,
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    visibilityTimeout: Duration.seconds(options.consumerTimeout.toSeconds() * visibilityTimeoutPerConsumerTimeout),
    retentionPeriod: options.retentionPeriod ?? Duration.days(4),
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: options.maxReceiveCount ?? maxReceiveCount },
  });
  return { queue, deadLetterQueue };
}

export interface WorkQueueOptions {
  consumerTimeout: Duration;
  /** What `cdk destroy` does with the dead-letter queue: the stage's removal policy. */
  removalPolicy: RemovalPolicy;
  /** @default 4 days */
  retentionPeriod?: Duration;
  /**
   * FIFO, for a queue subscribed to the FIFO notifications topic: messages of one group (an
   * incident in one locale) are received in order, the next only once the previous is done.
   * @default false
   */
  fifo?: boolean;
  /**
   * Receives before a message goes to the dead-letter queue, for a consumer that retries a message
   * itself (changing its visibility) more often than the shared count allows.
   * @default the shared `maxReceiveCount` of `core/channels/queue-redrive.ts`
   */
  maxReceiveCount?: number;
}

/**
 * One SQS queue (with a dead-letter queue) per queued channel of the channel catalog, subscribed to
 * the notifications topic with the catalog's own filter policy and raw delivery, each drained by its
 * channel Lambda with partial batch responses. Channels switched off in the configuration get nothing.
 * The email channel's consumer is the email planner; the rest of the email pipeline (its own queues,
 * the senders, SES) is `EmailDelivery`'s. The webhook channel's consumer is the webhook planner; its
 * delivery queue and workers are `WebhookDelivery`'s.
 *
 * @example
 * const channels = new Channels(this, 'Channels', { topic, table, config, stage });
 * channels.queued.map((channel) => channel.deadLetterQueue);
 * channels.channel('email')?.consumer; // the email planner
 */
export class Channels extends Construct {
  public readonly queued: QueuedChannel[];

  constructor(scope: Construct, id: string, props: ChannelsProps) {
    super(scope, id);
    this.queued = queuedChannels.filter((channel) => channel.enabled(props.config)).map((channel) => this.createQueuedChannel(channel, props));
  }

  /** The queue and consumer of one channel; `undefined` when the configuration switched it off. */
  channel(name: Channel): QueuedChannel | undefined {
    return this.queued.find((channel) => channel.declaration.name === name);
  }

  private createQueuedChannel(declaration: ChannelDeclaration, props: ChannelsProps): QueuedChannel {
    const settings = channelConsumers[declaration.name];
    if (!settings) {
      throw new Error(
        `channel "${declaration.name}" is queued in the channel catalog but lib/channels.ts declares no consumer for it: add its handler to channelConsumers`,
      );
    }
    const id = pascalCase(declaration.name);
    const scope = new Construct(this, id);
    const timeout = Duration.seconds(declaration.consumerTimeoutSeconds);

    // Four days: the X handler may hold a message back until a 24-hour rate-limit window resets.
    const { queue, deadLetterQueue } = createWorkQueue(scope, {
      consumerTimeout: timeout,
      retentionPeriod: Duration.days(4),
      removalPolicy: props.stage.removalPolicy,
      fifo: true,
    });
    props.topic.addSubscription(
      new SqsSubscription(queue, {
        // The handler reads the `sqs` envelope of the JSON message itself, not SNS's wrapper around it.
        rawMessageDelivery: true,
        filterPolicy: subscriptionFilterPolicy(declaration.filterPolicy(props.config)),
      }),
    );

    const credentials = settings.credentials ? createCredentials(this, `${id}Credentials`, settings.credentials, props.stage) : undefined;
    const consumer = new IncidentCommsFunction(scope, 'Handler', {
      handlerName: settings.handlerName,
      config: props.config,
      description: settings.description,
      stage: props.stage,
      timeout,
      memorySize: settings.memorySize,
      environment: {
        ...settings.environment?.(props.config),
        ...(credentials && settings.credentials ? { [settings.credentials.environmentVariable]: credentials.secretArn } : {}),
      },
    });
    consumer.useTable(props.table);
    if (credentials) consumer.readsSecret(credentials);
    consumer.function.addEventSource(
      new SqsEventSource(queue, {
        batchSize: declaration.batchSize,
        reportBatchItemFailures: true,
        ...(declaration.maxConcurrency ? { maxConcurrency: declaration.maxConcurrency } : {}),
      }),
    );
    return { id, declaration, queue, deadLetterQueue, consumer, consumerName: settings.monitoringName, ...(credentials ? { credentials } : {}) };
  }
}

function createCredentials(scope: Construct, id: string, credentials: ChannelCredentials, stage: DeploymentStage): secretsmanager.Secret {
  const secret = new secretsmanager.Secret(scope, id, {
    description: credentials.description,
    generateSecretString: { secretStringTemplate: JSON.stringify(credentials.template), generateStringKey: credentials.generatedKey },
    removalPolicy: stage.removalPolicy,
  });
  Validations.of(secret).acknowledge({ id: 'AwsSolutions-SMG4', reason: credentials.noRotationBecause });
  return secret;
}

/** The catalog's plain filter policy in the form the SNS subscription construct takes. */
export function subscriptionFilterPolicy(policy: FilterPolicy): Record<string, sns.SubscriptionFilter> {
  return Object.fromEntries(
    Object.entries(policy).map(([attribute, allowlist]) => [attribute, sns.SubscriptionFilter.stringFilter({ allowlist })]),
  );
}

function pascalCase(name: string): string {
  return name.replace(/(^|[-_])([a-z0-9])/g, (_match, _separator: string, letter: string) => letter.toUpperCase());
}
