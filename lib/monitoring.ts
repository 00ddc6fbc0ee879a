import { Duration, Stack } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { metricNamespace, serviceName } from '../lambdas/core/observability/metric-catalog.js';
import type { MetricName } from '../lambdas/core/observability/metric-catalog.js';
import { logMetrics } from '../lambdas/core/observability/log-metrics.js';
import type { Channel } from '../lambdas/core/incident/vocabulary.js';
import type { DeploymentStage } from './deployment-stage.js';
import type { IncidentCommsFunction } from './lambda-function.js';

/** The fan-out is behind when its oldest unprocessed stream record is this old: customers are waiting. */
export const iteratorAgeAlarmThreshold = Duration.minutes(1);

/** An update stored this long ago and still not published has kept customers waiting. */
export const fanOutLagAlarmThreshold = Duration.minutes(1);

/**
 * X's posting window is 15 minutes: a hold up to 901 s (its reset, plus a second) is X pacing us.
 * Anything longer means a 24-hour posting cap was hit and X updates go out hours late.
 */
export const xRateLimitWaitAlarmThreshold = Duration.minutes(16);

/**
 * SES reviews an account whose bounce rate reaches 5 % and may pause its sending at 10 %; its
 * complaint rate is reviewed at 0.1 % and may pause sending at 0.5 %. The alarms fire at the review
 * level, while there is still time to act. SES publishes the rates as fractions (0.05 = 5 %).
 */
export const sesReputationAlarmThresholds = { bounceRate: 0.05, complaintRate: 0.001 };

/** Send throttles are only a problem when they last: this many 5-minute periods in a row, each with one. */
export const mailThrottledAlarmPeriods = 3;

/** An account-level SES metric (no dimension): the rates AWS itself judges the account by. */
export function sesAccountMetric(name: 'Reputation.BounceRate' | 'Reputation.ComplaintRate' | 'Send', props: Pick<cloudwatch.MetricProps, 'period' | 'statistic'>): cloudwatch.Metric {
  return new cloudwatch.Metric({ namespace: 'AWS/SES', metricName: name, ...props });
}

/** One of our own metrics (see `metricCatalog`), with the dimensions Powertools Metrics writes (unit as emitted). */
export function catalogMetric(name: MetricName, dimensions: Record<string, string>, props: Pick<cloudwatch.MetricProps, 'period' | 'statistic'>): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: metricNamespace,
    metricName: name,
    dimensionsMap: { service: serviceName, ...dimensions },
    ...props,
  });
}

export interface MonitoringProps {
  readonly stage: DeploymentStage;
  /** Every function, by the name shown in alarms and on the dashboard. */
  readonly functions: Record<string, IncidentCommsFunction>;
  /** Every queue a message lands in when it could not be delivered, by name. */
  readonly deadLetterQueues: Record<string, sqs.IQueue>;
  /** The stream consumer whose iterator age says how far behind the fan-out is. */
  readonly streamConsumer: IncidentCommsFunction;
  /** The function answering GET /v1/status, whose log says when it served the last good status. */
  readonly statusReader: IncidentCommsFunction;
  readonly notificationsTopic: sns.ITopic;
  readonly apiStage: apigwv2.HttpStage;
  /** The channels deliveries are counted for (the enabled ones), each alarmed on `DeliveryFailed`. */
  readonly deliveryChannels: readonly Channel[];
  /** The stack sends customer mail through SES: alarm on the account's reputation and on send throttles. */
  readonly sendsEmail: boolean;
  /** Subscribed to the alarm topic when set (config.alarmEmail). */
  readonly alarmEmail?: string;
}

/**
 * Alarms that fire when customers are not being told: a message in any dead-letter queue, a function
 * erroring or throttled, the fan-out falling behind the stream, SNS failing to deliver to a channel
 * queue, the API answering 5xx, and, with email, the SES account's bounce and complaint rates nearing
 * what AWS reviews and SES throttling the senders for long. All notify a KMS-encrypted alarm topic
 * (optionally mailed); one dashboard shows the flow.
 *
 * @example
 * new Monitoring(this, 'Monitoring', { stage, functions, deadLetterQueues, streamConsumer, notificationsTopic, apiStage, deliveryChannels, sendsEmail: true });
 */
export class Monitoring extends Construct {
  public readonly alarmTopic: sns.Topic;
  public readonly alarms: cloudwatch.Alarm[] = [];
  public readonly dashboard: cloudwatch.Dashboard;
  private readonly alarmAction: SnsAction;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const alarmKey = new kms.Key(this, 'AlarmTopicKey', {
      description: 'Encrypts incident-comms alarm notifications at rest in SNS',
      enableKeyRotation: true,
      removalPolicy: props.stage.removalPolicy,
    });
    // CloudWatch publishes alarm state changes to the encrypted topic, so it must use this key.
    // In a key policy, "*" as the resource means this key itself.
    alarmKey.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'incident-comms alarms',
      masterKey: alarmKey,
      enforceSSL: true,
    });
    // The topic policy written for enforceSSL replaces SNS's default one, so CloudWatch is allowed explicitly.
    this.alarmTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.alarmAction = new SnsAction(this.alarmTopic);

    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      this.alarm(`${name}DeadLetters`, {
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        alarmDescription: `${name}: a message could not be delivered after every retry and waits in its dead-letter queue. Read the delivery ledger (GET /v1/incidents/{id}/deliveries) and the function's logs, fix the cause, then redrive the queue (docs/operations.md, "${name}DeadLetters").`,
      });
    }
    for (const [name, fn] of Object.entries(props.functions)) {
      this.alarm(`${name}Errors`, {
        metric: fn.function.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        alarmDescription: `The ${name} function failed (an invocation error, not a reported batch item failure: a crash at start, a timeout, out of memory). Read its log group around the alarm time, fix and deploy; its queue or stream retries by itself. See docs/operations.md.`,
      });
      // A function capped to run one at a time is throttled on purpose whenever work overlaps.
      if (fn.reservedConcurrentExecutions !== undefined) continue;
      this.alarm(`${name}Throttles`, {
        metric: fn.function.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        alarmDescription: `The ${name} function was throttled: the account's Lambda concurrency is exhausted, so updates are delayed. Check the account's ConcurrentExecutions and ask for a higher quota or reserve concurrency; see docs/operations.md.`,
      });
    }
    const iteratorAge = props.streamConsumer.function.metric('IteratorAge', { period: Duration.minutes(1), statistic: 'Maximum' });
    this.alarm('FanoutIteratorAge', {
      metric: iteratorAge,
      threshold: iteratorAgeAlarmThreshold.toMilliseconds(),
      evaluationPeriods: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      alarmDescription: `The fan-out is more than ${iteratorAgeAlarmThreshold.toMinutes()} minute(s) behind the table stream: stored updates are not reaching customers. Look at the fan-out's errors, throttles and log group, fix the failing record's cause; see docs/operations.md.`,
    });
    const notificationsFailed = props.notificationsTopic.metricNumberOfNotificationsFailed({ period: Duration.minutes(5), statistic: 'Sum' });
    this.alarm('NotificationsFailed', {
      metric: notificationsFailed,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      alarmDescription: 'SNS failed to deliver incident notifications to a channel queue (email, X, in-app or webhook) after its retries: that channel misses the update. Restore the queue and key policies (cdk deploy) and republish the locale; see docs/operations.md.',
    });
    const deliveriesFailed = props.deliveryChannels.map((channel) => catalogMetric('DeliveryFailed', { channel }, { period: Duration.minutes(5), statistic: 'Sum' }));
    props.deliveryChannels.forEach((channel, index) => {
      this.alarm(`${pascalCase(channel)}DeliveriesFailed`, {
        metric: deliveriesFailed[index]!,
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        alarmDescription: `A ${channel} delivery was settled failed${channel === 'email' ? ' (for email: a recipient whose mail SES refused for good)' : ''}: customers on that channel did not get an update. The ledger row (GET /v1/incidents/{id}/deliveries) says why; fix the cause and send by hand if it still matters. See docs/operations.md.`,
      });
    });
    const statusServedStale = new logs.MetricFilter(this, 'StatusServedStaleFilter', {
      logGroup: props.statusReader.logGroup,
      metricNamespace,
      metricName: 'StatusServedStale',
      filterPattern: logs.FilterPattern.stringValue('$.message', '=', logMetrics.StatusServedStale.message),
      metricValue: '1',
    });
    this.alarm('StatusServedStale', {
      metric: statusServedStale.metric({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      alarmDescription: 'GET /v1/status could not read the incident table and served its last good answer: customers may see a status that is minutes old. Check DynamoDB (throttles, errors, the read function\'s role); see docs/operations.md.',
    });
    const fanOutLag = catalogMetric('FanOutLag', {}, { period: Duration.minutes(1), statistic: 'Maximum' });
    this.alarm('FanOutLag', {
      metric: fanOutLag,
      threshold: fanOutLagAlarmThreshold.toMilliseconds(),
      evaluationPeriods: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      alarmDescription: `Updates reach the notification topic more than ${fanOutLagAlarmThreshold.toMinutes()} minute(s) after they were stored: customers hear late. Treat as FanoutIteratorAge (errors, throttles of the fan-out); expected once after a manual replay. See docs/operations.md.`,
    });
    if (props.deliveryChannels.includes('x')) {
      this.alarm('XRateLimitWait', {
        metric: catalogMetric('XRateLimitWait', {}, { period: Duration.minutes(5), statistic: 'Maximum' }),
        threshold: xRateLimitWaitAlarmThreshold.toSeconds(),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        alarmDescription: `X posts are held for longer than X's 15-minute window (over ${xRateLimitWaitAlarmThreshold.toSeconds()} s): the account hit a 24-hour posting cap, so X updates go out hours late. See docs/operations.md.`,
      });
      // One alarm, not one per update: deliveries without credentials are skipped, never dead-lettered.
      this.alarm('XCredentialsMissing', {
        metric: catalogMetric('XCredentialsMissing', {}, { period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        alarmDescription: 'The X channel is enabled but its secret holds no credentials: X deliveries are skipped and nothing is posted to X. Put the credentials in the X secret (or switch the channel off); see docs/operations.md.',
      });
    }
    const bounceRate = sesAccountMetric('Reputation.BounceRate', { period: Duration.minutes(15), statistic: 'Maximum' });
    const complaintRate = sesAccountMetric('Reputation.ComplaintRate', { period: Duration.minutes(15), statistic: 'Maximum' });
    const mailThrottled = catalogMetric('MailThrottled', {}, { period: Duration.minutes(5), statistic: 'Sum' });
    if (props.sendsEmail) {
      this.alarm('SesBounceRate', {
        metric: bounceRate,
        threshold: sesReputationAlarmThresholds.bounceRate,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        alarmDescription: `The SES account's bounce rate is ${sesReputationAlarmThresholds.bounceRate * 100} % or more: AWS reviews the account at 5 % and may pause all its sending at 10 %. Find where the bounces come from (an imported list, a typo-prone form), check the SES events function suppresses them, and answer AWS if it wrote; see docs/operations.md.`,
      });
      this.alarm('SesComplaintRate', {
        metric: complaintRate,
        threshold: sesReputationAlarmThresholds.complaintRate,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        alarmDescription: `The SES account's complaint rate is ${sesReputationAlarmThresholds.complaintRate * 100} % or more: AWS reviews the account at 0.1 % and may pause all its sending at 0.5 %. Check who is mailed without having confirmed (imports with confirmed: true) and that mails carry a working unsubscribe; see docs/operations.md.`,
      });
      this.alarm('MailThrottled', {
        metric: mailThrottled,
        threshold: 1,
        evaluationPeriods: mailThrottledAlarmPeriods,
        datapointsToAlarm: mailThrottledAlarmPeriods,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        alarmDescription: `SES has throttled the email senders for ${mailThrottledAlarmPeriods * 5} minutes in a row: customer mail goes out late. channels.email.maxSendRate is above the account's sending quota, the daily quota is used up, or SES paused the account. Compare with the SES console's quotas; see docs/operations.md.`,
      });
    }

    const serverErrors = props.apiStage.metricServerError({ period: Duration.minutes(5) });
    this.alarm('ApiServerErrors', {
      metric: serverErrors,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      alarmDescription: 'The API answered 5xx, which its contract (docs/api.md) rules out for any input: a commander may not have been able to post an update. Read the access log and the API function\'s log group, fix the cause; commanders retry with the same Idempotency-Key. See docs/operations.md.',
    });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(3),
      widgets: [
        [new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 })],
        [
          new cloudwatch.GraphWidget({
            title: 'API requests and errors',
            left: [props.apiStage.metricCount({ period: Duration.minutes(1) })],
            right: [props.apiStage.metricClientError({ period: Duration.minutes(1) }), serverErrors],
            width: 12,
          }),
          new cloudwatch.GraphWidget({
            title: 'Fan-out: stream iterator age (ms)',
            left: [iteratorAge],
            width: 12,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Notifications: published, delivered, failed',
            left: [
              props.notificationsTopic.metricNumberOfMessagesPublished({ period: Duration.minutes(1) }),
              props.notificationsTopic.metricNumberOfNotificationsDelivered({ period: Duration.minutes(1) }),
              notificationsFailed,
            ],
            width: 12,
          }),
          new cloudwatch.GraphWidget({
            title: 'Dead-letter queue depth',
            left: Object.values(props.deadLetterQueues).map((queue) =>
              queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
            ),
            width: 12,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Function invocations and errors',
            left: Object.values(props.functions).map((fn) => fn.function.metricInvocations({ period: Duration.minutes(1) })),
            right: Object.values(props.functions).map((fn) => fn.function.metricErrors({ period: Duration.minutes(1) })),
            width: 12,
          }),
          new cloudwatch.GraphWidget({
            title: 'Deliveries sent and failed, per channel',
            left: props.deliveryChannels.map((channel) => catalogMetric('DeliverySent', { channel }, { period: Duration.minutes(1), statistic: 'Sum' })),
            right: deliveriesFailed,
            width: 12,
          }),
          new cloudwatch.GraphWidget({
            title: 'Fan-out lag (ms, max)',
            left: [fanOutLag],
            width: 12,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Function duration (p99)',
            left: Object.values(props.functions).map((fn) => fn.function.metricDuration({ period: Duration.minutes(1), statistic: 'p99' })),
            width: 12,
          }),
        ],
      ],
    });
    if (props.sendsEmail) {
      this.dashboard.addWidgets(
        new cloudwatch.GraphWidget({
          title: 'SES reputation: bounce and complaint rate (account)',
          left: [bounceRate, complaintRate],
          leftAnnotations: [
            { value: sesReputationAlarmThresholds.bounceRate, label: 'bounce rate alarm (AWS reviews at 5 %)' },
            { value: sesReputationAlarmThresholds.complaintRate, label: 'complaint rate alarm (AWS reviews at 0.1 %)' },
          ],
          width: 12,
        }),
        new cloudwatch.GraphWidget({
          title: 'Email: mails sent (SES), send throttles, addresses suppressed',
          left: [sesAccountMetric('Send', { period: Duration.minutes(1), statistic: 'Sum' })],
          right: [
            mailThrottled,
            catalogMetric('SubscribersSuppressed', { reason: 'bounced' }, { period: Duration.minutes(5), statistic: 'Sum' }),
            catalogMetric('SubscribersSuppressed', { reason: 'complained' }, { period: Duration.minutes(5), statistic: 'Sum' }),
          ],
          width: 12,
        }),
      );
    }
  }

  private alarm(id: string, props: Omit<cloudwatch.AlarmProps, 'evaluationPeriods'> & { evaluationPeriods?: number }): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      ...props,
    });
    alarm.addAlarmAction(this.alarmAction);
    alarm.addOkAction(this.alarmAction);
    this.alarms.push(alarm);
  }
}

function pascalCase(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
