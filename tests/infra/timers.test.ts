import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { SynthesizedStack } from './synthesize-stack.js';
import { synthesizeStack } from './synthesize-stack.js';

let synthesized: SynthesizedStack;
type Resource = { Type: string; Properties: Record<string, any> };
let resources: Record<string, Resource>;
const idOf = (prefix: string, type: string) => {
  const ids = Object.entries(resources).filter(([id, resource]) => id.startsWith(prefix) && resource.Type === type).map(([id]) => id);
  expect(ids, `${type} ${prefix}*`).toHaveLength(1);
  return ids[0]!;
};
const policiesOf = (roleId: string) =>
  Object.values(resources)
    .filter((resource) => resource.Type === 'AWS::IAM::Policy' && JSON.stringify(resource.Properties.Roles).includes(roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown; Condition?: unknown }[]);

beforeAll(() => {
  synthesized = synthesizeStack({ config: { commanderEmail: 'commanders@nimbus.example' } });
  resources = synthesized.template.toJSON().Resources as Record<string, Resource>;
});

describe('the timer engine', () => {
  it('keeps its schedules in a schedule group of the stage', () => {
    synthesized.template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'incident-comms-dev' });
  });

  it('invokes the timer function through a role Scheduler alone may assume, which may invoke that function and send to the dead-letter queue, nothing else', () => {
    const roleId = idOf('TimersSchedulerRole', 'AWS::IAM::Role');
    const trust = resources[roleId]!.Properties.AssumeRolePolicyDocument.Statement;
    expect(trust).toEqual([
      expect.objectContaining({ Principal: { Service: 'scheduler.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } }),
    ]);
    const statements = policiesOf(roleId);
    const actions = statements.flatMap((statement) => [statement.Action].flat()).sort();
    expect(actions).toEqual(['lambda:InvokeFunction', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'].sort());
    const invoke = statements.find((statement) => statement.Action === 'lambda:InvokeFunction')!;
    expect(invoke.Resource).toEqual({ 'Fn::GetAtt': [idOf('TimersHandlerFunction', 'AWS::Lambda::Function'), 'Arn'] });
    const send = statements.find((statement) => [statement.Action].flat().includes('sqs:SendMessage'))!;
    expect(send.Resource).toEqual({ 'Fn::GetAtt': [idOf('TimersDeadLetterQueue', 'AWS::SQS::Queue'), 'Arn'] });
  });

  it('lets the fan-out keep the schedules of its group only, and pass the scheduler role only to Scheduler', () => {
    const fanoutRole = idOf('FanoutHandlerRole', 'AWS::IAM::Role');
    const statements = policiesOf(fanoutRole);
    const scheduling = statements.find((statement) => [statement.Action].flat().includes('scheduler:CreateSchedule'))!;
    expect([scheduling.Action].flat().sort()).toEqual(['scheduler:CreateSchedule', 'scheduler:DeleteSchedule', 'scheduler:UpdateSchedule']);
    expect(JSON.stringify(scheduling.Resource)).toContain(':schedule/incident-comms-dev/*');
    const passRole = statements.find((statement) => statement.Action === 'iam:PassRole')!;
    expect(passRole.Resource).toEqual({ 'Fn::GetAtt': [idOf('TimersSchedulerRole', 'AWS::IAM::Role'), 'Arn'] });
    expect(passRole.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } });
    const fanout = resources[idOf('FanoutHandlerFunction', 'AWS::Lambda::Function')]!.Properties.Environment.Variables;
    expect(fanout.SCHEDULE_GROUP_NAME).toBe('incident-comms-dev');
    expect(fanout.TIMER_FUNCTION_ARN).toEqual({ 'Fn::GetAtt': [idOf('TimersHandlerFunction', 'AWS::Lambda::Function'), 'Arn'] });
  });

  it('sends a timer the function still fails after its retries to the same alarmed dead-letter queue', () => {
    const queue = idOf('TimersDeadLetterQueue', 'AWS::SQS::Queue');
    const timer = resources[idOf('TimersHandlerFunction', 'AWS::Lambda::Function')]!.Properties;
    expect(timer.DeadLetterConfig).toEqual({ TargetArn: { 'Fn::GetAtt': [queue, 'Arn'] } });
    expect(resources[queue]!.Properties.SqsManagedSseEnabled).toBe(true);
    synthesized.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
      Threshold: 0,
    });
    synthesized.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: idOf('TimersHandlerFunction', 'AWS::Lambda::Function') } }],
    });
  });
});

describe("the commanders' topic", () => {
  it('is KMS-encrypted, TLS-only, mailed to commanderEmail, and only the timer function may publish to it', () => {
    const topic = idOf('TimersCommandersTopic', 'AWS::SNS::Topic');
    expect(resources[topic]!.Properties.KmsMasterKeyId).toBeDefined();
    synthesized.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'commanders@nimbus.example', TopicArn: { Ref: topic } });
    synthesized.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topic }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    const publishers = Object.entries(resources)
      .filter(([, resource]) => resource.Type === 'AWS::IAM::Policy')
      .filter(([, resource]) => JSON.stringify(resource.Properties.PolicyDocument.Statement).includes(`"sns:Publish"`) && JSON.stringify(resource.Properties.PolicyDocument.Statement).includes(`"Ref":"${topic}"`))
      .map(([id]) => id);
    expect(publishers).toHaveLength(1);
    expect(publishers[0]).toMatch(/^TimersHandlerRole/);
    const timer = resources[idOf('TimersHandlerFunction', 'AWS::Lambda::Function')]!.Properties.Environment.Variables;
    expect(timer.COMMANDERS_TOPIC_ARN).toEqual({ Ref: topic });
    expect(synthesized.template.toJSON().Outputs.CommandersTopicArn.Value).toEqual({ Ref: topic });
  });

  it('passes the cdk-nag AWS Solutions checks', () => {
    expect(new AwsSolutionsChecks().validateScope(synthesized.app).violations.map((violation) => violation.ruleName)).toEqual([]);
  });
});
