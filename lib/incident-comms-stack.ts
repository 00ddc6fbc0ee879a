import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { Config } from '../lambdas/core/config/config-schema.js';
import { enabledChannels } from '../lambdas/core/channels/channel-catalog.js';
import { Api } from './api.js';
import type { DeploymentStage } from './deployment-stage.js';
import { Channels } from './channels.js';
import { Fanout } from './fanout.js';
import type { IncidentCommsFunction } from './lambda-function.js';
import { Monitoring } from './monitoring.js';
import { StatusSite } from './status-site.js';
import { Store } from './store.js';

export interface IncidentCommsStackProps extends StackProps {
  /** The validated `incident-comms.config.json`. */
  readonly config: Config;
  readonly stage: DeploymentStage;
}

/**
 * The whole system of docs/design.md, wired as its flow picture reads: the API writes the table, the
 * table's stream drives the fan-out, the fan-out publishes to the topic, the topic feeds each
 * channel's queue and SNS mails email subscribers; the status page reads through the CDN.
 *
 * @example
 * new IncidentCommsStack(app, 'IncidentComms-dev', { config, stage: deploymentStage('dev') });
 */
export class IncidentCommsStack extends Stack {
  constructor(scope: Construct, id: string, props: IncidentCommsStackProps) {
    super(scope, id, props);
    const { config, stage } = props;

    const { table } = new Store(this, 'Store', { stage });
    const fanout = new Fanout(this, 'Fanout', { table, config, stage });
    const channels = new Channels(this, 'Channels', { table, topic: fanout.topic, config, stage });
    const api = new Api(this, 'Api', {
      table,
      topic: fanout.topic,
      config,
      stage,
      // The page on CloudFront calls the API on its own origin (see StatusSite), so only the configured
      // public address needs CORS; the distribution's domain cannot be named here without a cycle
      // (the distribution's API origin already depends on the API).
      corsOrigins: [new URL(config.statusPageUrl).origin],
    });
    const site = new StatusSite(this, 'StatusSite', { httpApi: api.httpApi, stage });

    const channelFunctions: Record<string, IncidentCommsFunction> = {};
    const deadLetterQueues: Record<string, sqs.IQueue> = { FanoutStream: fanout.failureQueue };
    for (const channel of channels.queued) {
      channelFunctions[`${channel.id}Channel`] = channel.consumer;
      deadLetterQueues[`${channel.id}Channel`] = channel.deadLetterQueue;
    }
    new Monitoring(this, 'Monitoring', {
      stage,
      functions: { Api: api.handler, Fanout: fanout.handler, ...channelFunctions },
      deadLetterQueues,
      streamConsumer: fanout.handler,
      notificationsTopic: fanout.topic,
      apiStage: api.apiStage,
      deliveryChannels: enabledChannels(config),
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
    });

    new CfnOutput(this, 'ApiUrl', { value: api.url, description: 'Base URL of the incident communication API (commanders call it with a JWT)' });
    new CfnOutput(this, 'StatusPageUrl', { value: site.url, description: 'The public status page on CloudFront' });
    new CfnOutput(this, 'TopicArn', { value: fanout.topic.topicArn, description: 'The incident-notifications SNS topic' });
    for (const channel of channels.queued) {
      if (!channel.credentials) continue;
      new CfnOutput(this, `${channel.id}SecretName`, {
        value: channel.credentials.secretName,
        description: `Secrets Manager secret to fill with the ${channel.declaration.name} channel's credentials (aws secretsmanager put-secret-value)`,
      });
    }
  }
}
