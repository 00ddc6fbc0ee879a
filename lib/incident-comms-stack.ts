import { CfnOutput, Stack, Token } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { Config } from '../lambdas/core/config/config-schema.js';
import { ConfigError } from '../lambdas/core/config/parse-config.js';
import { enabledChannels } from '../lambdas/core/channels/channel-catalog.js';
import { Api, apiOriginFrom } from './api.js';
import { operationList } from '../lambdas/core/api/api-contract.js';
import { createReadSchemas } from '../lambdas/core/api/read-schemas.js';
import { snapshotKeys } from '../lambdas/core/snapshot/snapshot-object.js';
import { planApiRouteBehaviors } from './api-route-behaviors.js';
import { CrossRegionParameter } from './cross-region-parameter.js';
import { FrontDoorFirewallStack, firewallRegion, webAclArnParameterName } from './front-door-firewall-stack.js';
import { OriginVerification } from './origin-verification.js';
import type { DeploymentStage } from './deployment-stage.js';
import { Channels } from './channels.js';
import { EmailDelivery, emailSenderFrom } from './email-delivery.js';
import { Fanout } from './fanout.js';
import { giveHelperFunctionsLogGroups } from './helper-function-logs.js';
import type { IncidentCommsFunction } from './lambda-function.js';
import { Monitoring } from './monitoring.js';
import { SesEventSuppression } from './ses-events.js';
import { SesSending } from './ses-sending.js';
import { StatusReplicaStack, statusReplicaBucketName } from './status-replica-stack.js';
import { StatusSite } from './status-site.js';
import { consoleSignInFrom } from './console-site.js';
import { StatusSnapshot } from './status-snapshot.js';
import { Store } from './store.js';
import { SubscriptionTokenKey } from './subscription-tokens.js';
import { Timers } from './timers.js';
import { WebhookDelivery } from './webhook-delivery.js';

/** The path the distribution answers from the bucket's published snapshot, with the API as fallback. */
const snapshotPath = `/${snapshotKeys.status}`;

export interface IncidentCommsStackProps extends StackProps {
  /** The validated `incident-comms.config.json`. */
  readonly config: Config;
  readonly stage: DeploymentStage;
}

/**
 * The whole system of docs/design.md, wired as its flow picture reads: the API writes the table, the
 * table's stream drives the fan-out, the fan-out publishes to the topic, the topic feeds each
 * channel's queue; the email channel's planner queues recipient batches for the senders, which mail
 * through SES, whose bounces and complaints come back through EventBridge as suppressions; the
 * webhook channel's planner queues one delivery per subscriber for the workers, which POST them; the
 * stream also feeds the public snapshot in the status site's bucket, which the page reads through
 * the CDN.
 *
 * @example
 * new IncidentCommsStack(app, 'IncidentComms-dev', { config, stage: deploymentStage('dev') });
 */
export class IncidentCommsStack extends Stack {
  /** The stack holding the web ACL in us-east-1 (unless `frontDoor.webAclArn` names one), deployed before this one. */
  public readonly firewallStack: FrontDoorFirewallStack | undefined;
  /** The stack holding the status page's copy in `statusSite.replicaRegion`, deployed before this one. */
  public readonly statusReplicaStack: StatusReplicaStack | undefined;

  constructor(scope: Construct, id: string, props: IncidentCommsStackProps) {
    super(scope, id, props);
    const { config, stage } = props;
    const from = emailSenderFrom(config);

    const { table, recipientTable } = new Store(this, 'Store', { stage });
    const tokens = new SubscriptionTokenKey(this, 'SubscriptionTokens', { stage });
    const originVerification = new OriginVerification(this, 'OriginVerification', { stage });
    const api = new Api(this, 'Api', {
      originVerification,
      table,
      recipientTable,
      tokens,
      config,
      stage,
      // The page calls the API on its own origin, through the distribution; only the configured public
      // address needs CORS (the distribution's domain cannot be named here without a cycle).
      corsOrigins: [new URL(config.statusPageUrl).origin],
    });
    const fanout = new Fanout(this, 'Fanout', { table, config, stage });
    const timers = new Timers(this, 'Timers', { table, config, stage });
    timers.keptBy(fanout.handler);
    const channels = new Channels(this, 'Channels', { table, topic: fanout.topic, config, stage });

    // Email: channel queue → planner → plan queue / send queue → senders → SES; SES events → suppression.
    const emailChannel = channels.channel('email');
    let email: { delivery: EmailDelivery; ses: SesSending; events: SesEventSuppression } | undefined;
    if (emailChannel && from) {
      const ses = new SesSending(this, 'Ses', { from });
      const delivery = new EmailDelivery(this, 'Email', { channel: emailChannel, table, recipientTable, config, stage, ses, tokens });
      fanout.handOverMailTo(delivery);
      const events = new SesEventSuppression(this, 'SesEvents', { configurationSet: ses.configurationSet, table, recipientTable, stage });
      email = { delivery, ses, events };
    }

    // Webhooks: channel queue → planner → delivery queue (FIFO, a group per subscriber) → workers → signed POSTs.
    const webhookChannel = channels.channel('webhook');
    const webhooks = webhookChannel ? new WebhookDelivery(this, 'Webhook', { channel: webhookChannel, table, recipientTable, config, stage, tokens }) : undefined;

    const { replicaRegion, domainName, certificateArn, accessLogBucket } = config.statusSite;
    this.statusReplicaStack = replicaRegion ? this.createStatusReplica(scope, id, replicaRegion, stage, props) : undefined;
    this.firewallStack = config.frontDoor.webAclArn ? undefined : this.createFirewall(scope, id, stage, props);
    const queries = createReadSchemas(config).queries;
    const site = new StatusSite(this, 'StatusSite', {
      apiOrigin: { domainName: apiOriginFrom(config).domainName, originVerifyHeaderValue: originVerification.headerValue },
      apiBehaviors: planApiRouteBehaviors(operationList, (query) => Object.keys(queries[query as keyof typeof queries].shape), [snapshotPath]),
      webAclArn:
        config.frontDoor.webAclArn ?? new CrossRegionParameter(this, 'WebAclArn', { region: firewallRegion, parameterName: webAclArnParameterName(stage) }).value,
      stage,
      console: consoleSignInFrom(config),
      ...(replicaRegion ? { replica: { bucketName: statusReplicaBucketName(stage, replicaRegion), region: replicaRegion } } : {}),
      // The schema accepts a domain only with its certificate.
      ...(domainName && certificateArn ? { customDomain: { domainName, certificateArn } } : {}),
      ...(accessLogBucket ? { accessLogBucket } : {}),
    });
    const snapshot = new StatusSnapshot(this, 'StatusSnapshot', { table, bucket: site.bucket, config, stage });

    const functions: Record<string, IncidentCommsFunction> = { Api: api.handler, ReadApi: api.readHandler, PreviewApi: api.previewHandler, Fanout: fanout.handler, StatusSnapshot: snapshot.handler, Timer: timers.handler };
    const deadLetterQueues: Record<string, sqs.IQueue> = { FanoutStream: fanout.failureQueue, Timers: timers.deadLetterQueue };
    for (const channel of channels.queued) {
      functions[channel.consumerName] = channel.consumer;
      deadLetterQueues[`${channel.id}Channel`] = channel.deadLetterQueue;
    }
    if (email) {
      functions.EmailSender = email.delivery.sender;
      functions.SesEvents = email.events.handler;
      deadLetterQueues.EmailPlan = email.delivery.plan.deadLetterQueue;
      deadLetterQueues.EmailSend = email.delivery.send.deadLetterQueue;
      deadLetterQueues.SesEvents = email.events.deadLetterQueue;
    }
    if (webhooks) {
      functions.WebhookSender = webhooks.sender;
      deadLetterQueues.WebhookSend = webhooks.send.deadLetterQueue;
    }
    new Monitoring(this, 'Monitoring', {
      stage,
      functions,
      deadLetterQueues,
      streamConsumer: fanout.handler,
      statusReader: api.readHandler,
      notificationsTopic: fanout.topic,
      apiStage: api.apiStage,
      deliveryChannels: enabledChannels(config),
      sendsEmail: email !== undefined,
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
    });

    new CfnOutput(this, 'ApiUrl', { value: site.url.replace(/\/$/, ''), description: 'Base URL of the incident communication API: the status site\'s address, its only front door (commanders call it with a JWT)' });
    new CfnOutput(this, 'ApiOriginTarget', {
      value: api.originTarget,
      description: `Point ${apiOriginFrom(config).domainName} here with a CNAME: CloudFront reaches the API through that name (direct requests to it are refused)`,
    });
    new CfnOutput(this, 'StatusPageUrl', { value: site.url, description: 'The public status page on CloudFront' });
    if (domainName) {
      new CfnOutput(this, 'StatusDistributionDomainName', {
        value: site.distribution.distributionDomainName,
        description: `Point ${domainName} here: a CNAME, or a Route 53 alias A/AAAA record (hosted zone Z2FDTNDATAQYW2)`,
      });
    }
    new CfnOutput(this, 'StatusAccessLogs', { value: site.standardLogDestination, description: 'Where CloudFront writes the status site\'s standard (access) logs' });
    new CfnOutput(this, 'StatusBucketName', { value: site.bucket.bucketName, description: 'The status page bucket: web/ and the published snapshot (v1/status, snapshot/*)' });
    if (replicaRegion) {
      new CfnOutput(this, 'StatusReplicaBucketName', { value: statusReplicaBucketName(stage, replicaRegion), description: `The status page bucket's copy in ${replicaRegion}, which CloudFront fails over to` });
    }
    new CfnOutput(this, 'CommandersTopicArn', {
      value: timers.commandersTopic.topicArn,
      description: "The commanders' SNS topic: reminders when a \"next update by\" promise passes (subscribe an address, or AWS Chatbot for Slack or Teams)",
    });
    new CfnOutput(this, 'TopicArn', { value: fanout.topic.topicArn, description: 'The notifications SNS FIFO topic (the channel queues subscribe to it)' });
    for (const channel of channels.queued) {
      if (!channel.credentials) continue;
      new CfnOutput(this, `${channel.id}SecretName`, {
        value: channel.credentials.secretName,
        description: `Secrets Manager secret to fill with the ${channel.declaration.name} channel's credentials (aws secretsmanager put-secret-value)`,
      });
    }
    if (email) {
      const { identity, configurationSet } = email.ses;
      new CfnOutput(this, 'EmailIdentity', { value: identity.emailIdentityName, description: 'The SES domain identity customer mail is sent from (verified once its DKIM records are published)' });
      new CfnOutput(this, 'EmailConfigurationSet', { value: configurationSet.configurationSetName, description: 'The SES configuration set of customer mail (reputation metrics, bounce and complaint events)' });
      identity.dkimRecords.forEach((record, index) => {
        new CfnOutput(this, `EmailDkim${index + 1}Name`, { value: record.name, description: `DKIM record ${index + 1} of 3: publish a CNAME with this name in the sender's domain` });
        new CfnOutput(this, `EmailDkim${index + 1}Value`, { value: record.value, description: `DKIM record ${index + 1} of 3: the CNAME's value` });
      });
    }
    giveHelperFunctionsLogGroups(this, stage);
  }

  /** The web ACL's own stack in us-east-1, where CloudFront takes web ACLs from; this stack deploys after it. */
  private createFirewall(scope: Construct, id: string, stage: DeploymentStage, props: StackProps): FrontDoorFirewallStack {
    const firewall = new FrontDoorFirewallStack(scope, `${id}-Firewall`, {
      stage,
      description: `incident-comms (${stage.name}): the AWS WAF web ACL in front of ${id}'s distribution`,
      ...(props.env?.account ? { env: { account: props.env.account } } : {}),
    });
    this.addStackDependency(firewall, 'the distribution uses the web ACL, whose ARN the firewall stack publishes');
    return firewall;
  }

  /**
   * With `statusSite.replicaRegion`, a sibling stack in that region holds the status bucket's copy;
   * this stack names its bucket by the name both derive, and deploys after it.
   */
  private createStatusReplica(scope: Construct, id: string, region: string, stage: DeploymentStage, props: StackProps): StatusReplicaStack {
    if (!Token.isUnresolved(this.region) && this.region === region) {
      throw new ConfigError(`statusSite.replicaRegion "${region}" is the region this stack deploys to; a replica must be in another region`);
    }
    const replicaStack = new StatusReplicaStack(scope, `${id}-StatusReplica`, {
      stage,
      replicaRegion: region,
      description: `incident-comms (${stage.name}): the status page's copy in ${region}, replicated from ${id}`,
      ...(props.env?.account ? { env: { account: props.env.account } } : {}),
    });
    this.addStackDependency(replicaStack, 'the status bucket replicates into the replica bucket, which must exist first');
    return replicaStack;
  }
}
