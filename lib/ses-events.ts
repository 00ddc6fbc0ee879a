import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as ses from 'aws-cdk-lib/aws-ses';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { environmentVariables } from '../lambdas/core/deployment/environment-variables.js';
import type { DeploymentStage } from './deployment-stage.js';
import { IncidentCommsFunction } from './lambda-function.js';
import { deadLetterDestination } from './dead-letter-destination.js';

/** The EventBridge detail types SES gives the events the configuration set reports (see `reportedSendingEvents`). */
export const suppressingDetailTypes = ['Email Bounced', 'Email Complaint Received'];

/**
 * EventBridge retries delivery to the function (throttled, unavailable) with backoff for up to a day:
 * a suppression that arrives late still keeps the address from the next update.
 */
export const sesEventsTargetRetries = { retryAttempts: 185, maxEventAge: Duration.hours(24) };

export interface SesEventSuppressionProps {
  readonly configurationSet: ses.IConfigurationSet;
  readonly table: dynamodb.TableV2;
  readonly recipientTable: dynamodb.TableV2;
  readonly stage: DeploymentStage;
}

/**
 * Bounces and complaints → suppression: an EventBridge rule on the default bus takes the bounce and
 * complaint events of this stack's configuration set only, and invokes the SES events function,
 * which marks the address `suppressed`. An event that cannot be delivered after EventBridge's
 * retries, or that the function still fails on after Lambda's two retries, lands in one dead-letter
 * queue (the event itself as the body), which is alarmed.
 *
 * @example
 * new SesEventSuppression(this, 'SesEvents', { configurationSet: ses.configurationSet, table, recipientTable, stage });
 */
export class SesEventSuppression extends Construct {
  public readonly rule: events.Rule;
  public readonly handler: IncidentCommsFunction;
  public readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: SesEventSuppressionProps) {
    super(scope, id);
    // A bounce or complaint not yet applied is an address still to suppress: it outlives the stack outside dev.
    this.deadLetterQueue = deadLetterDestination(
      this,
      'DeadLetterQueue',
      props.stage,
      'This queue is itself a dead-letter destination: of the EventBridge target and of the SES events function\'s asynchronous invocations. Nothing consumes it automatically; its depth is alarmed and an operator replays each event to the function (docs/operations.md).',
    );

    this.handler = new IncidentCommsFunction(this, 'Handler', {
      handlerName: 'ses-events',
      description: 'Suppresses the subscriber of every SES bounce and complaint of this stack\'s configuration set',
      stage: props.stage,
      timeout: Duration.seconds(30),
      memorySize: 256,
      deadLetterQueue: this.deadLetterQueue,
    });
    this.handler.useTable(props.table);
    this.handler.useRecipientTable(props.recipientTable);

    this.rule = new events.Rule(this, 'Rule', {
      description: 'SES bounces and complaints of the incident-comms configuration set, to the SES events function',
      eventPattern: {
        source: ['aws.ses'],
        detailType: suppressingDetailTypes,
        detail: { mail: { tags: { 'ses:configuration-set': [props.configurationSet.configurationSetName] } } },
      },
      targets: [new targets.LambdaFunction(this.handler.function, { deadLetterQueue: this.deadLetterQueue, ...sesEventsTargetRetries })],
    });
  }
}
