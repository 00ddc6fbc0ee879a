import { Duration, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Config } from '../lambdas/core/config/config-schema.js';
import { environmentVariables } from '../lambdas/core/deployment/environment-variables.js';
import type { DeploymentStage } from './deployment-stage.js';
import { asPrinted } from './as-printed.js';
import { deadLetterDestination } from './dead-letter-destination.js';
import { IncidentCommsFunction } from './lambda-function.js';

export interface TimersProps {
  readonly table: dynamodb.TableV2;
  readonly config: Config;
  readonly stage: DeploymentStage;
}

/**
 * The timer engine: an EventBridge Scheduler schedule group per stage, where the fan-out keeps one
 * one-time schedule per timer (an incident's "next update by" promise), invoking the timer function
 * through a role that may invoke that function only. What Scheduler cannot deliver, and what the
 * function still fails after Lambda's retries, lands in one alarmed dead-letter queue. The timer
 * function tells the commanders of a missed promise on the commanders' topic, which an address
 * (`commanderEmail`) or AWS Chatbot subscribes to.
 *
 * @example
 * const timers = new Timers(this, 'Timers', { table, config, stage });
 * timers.keptBy(fanout.handler);
 */
export class Timers extends Construct {
  public readonly group: scheduler.ScheduleGroup;
  /** Known at synth (the stage names it), so the keeper's grant and its acknowledgement can name it. */
  public readonly groupName: string;
  public readonly handler: IncidentCommsFunction;
  public readonly schedulerRole: iam.Role;
  public readonly deadLetterQueue: sqs.Queue;
  public readonly commandersTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: TimersProps) {
    super(scope, id);
    this.groupName = `incident-comms-${props.stage.name}`;
    this.group = new scheduler.ScheduleGroup(this, 'Group', {
      scheduleGroupName: this.groupName,
      removalPolicy: props.stage.removalPolicy,
    });

    this.deadLetterQueue = deadLetterDestination(
      this,
      'DeadLetterQueue',
      props.stage,
      'This queue is itself a dead-letter destination: of the Scheduler targets and of the timer function\'s asynchronous invocations. Nothing consumes it automatically; its depth is alarmed and an operator replays each timer to the function (docs/operations.md).',
    );

    const commandersKey = new kms.Key(this, 'CommandersTopicKey', {
      description: "Encrypts the incident-comms commanders' reminders at rest in SNS",
      enableKeyRotation: true,
      removalPolicy: props.stage.removalPolicy,
    });
    this.commandersTopic = new sns.Topic(this, 'CommandersTopic', {
      displayName: `${props.config.serviceName} incident commanders`,
      masterKey: commandersKey,
      enforceSSL: true,
    });
    if (props.config.commanderEmail) this.commandersTopic.addSubscription(new EmailSubscription(props.config.commanderEmail));

    this.handler = new IncidentCommsFunction(this, 'Handler', {
      handlerName: 'timer',
      config: props.config,
      description: "Acts on a fired timer: reminds the commanders once when an incident's next-update promise passed with no update",
      stage: props.stage,
      timeout: Duration.seconds(30),
      memorySize: 256,
      deadLetterQueue: this.deadLetterQueue,
      environment: { [environmentVariables.commandersTopicArn]: this.commandersTopic.topicArn },
    });
    this.handler.useTable(props.table);
    this.commandersTopic.grantPublish(this.handler.function);
    this.handler.acknowledgeWildcard(
      'Action::kms:GenerateDataKey*',
      "Granted by commandersTopic.grantPublish on the commanders' topic key only: publishing to a KMS-encrypted topic needs kms:GenerateDataKey* and kms:Decrypt.",
    );

    // Scheduler assumes this role to invoke the timer function, for this account's schedules only.
    this.schedulerRole = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'EventBridge Scheduler invokes the incident-comms timer function with it',
    });
    this.schedulerRole.addToPolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.handler.function.functionArn] }));
    this.deadLetterQueue.grantSendMessages(this.schedulerRole);
  }

  /**
   * Lets `keeper` (the fan-out) create, move and delete this group's schedules, hand them the
   * scheduler role, and tells it where they go.
   */
  keptBy(keeper: IncidentCommsFunction): void {
    keeper.function.addEnvironment(environmentVariables.scheduleGroupName, this.groupName);
    keeper.function.addEnvironment(environmentVariables.timerFunctionArn, this.handler.function.functionArn);
    keeper.function.addEnvironment(environmentVariables.schedulerRoleArn, this.schedulerRole.roleArn);
    keeper.function.addEnvironment(environmentVariables.timerDeadLetterQueueArn, this.deadLetterQueue.queueArn);
    iam.Grant.addToPrincipal({
      grantee: keeper.function,
      actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule'],
      resourceArns: [Stack.of(this).formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `${this.groupName}/*` })],
    });
    iam.Grant.addToPrincipal({
      grantee: keeper.function,
      actions: ['iam:PassRole'],
      resourceArns: [this.schedulerRole.roleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    });
    const stack = Stack.of(this);
    keeper.acknowledgeWildcard(
      `Resource::arn:${asPrinted(stack.partition, 'AWS::Partition')}:scheduler:${asPrinted(stack.region, 'AWS::Region')}:${asPrinted(stack.account, 'AWS::AccountId')}:schedule/${this.groupName}/*`,
      "Schedules are created per timer at run time (one per incident's promise), so their names are not known at deploy; the grant is held to this stage's schedule group.",
    );
  }
}
