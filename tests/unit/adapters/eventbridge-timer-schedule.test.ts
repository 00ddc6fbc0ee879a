import { CreateScheduleCommand, DeleteScheduleCommand, SchedulerClient, UpdateScheduleCommand } from '@aws-sdk/client-scheduler';
import { ConflictException, ResourceNotFoundException, ValidationException } from '@aws-sdk/client-scheduler';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { EventBridgeTimerSchedule } from '../../../lambdas/adapters/scheduler/eventbridge-timer-schedule.js';
import { SnsCommanderAlerts } from '../../../lambdas/adapters/sns/sns-commander-alerts.js';
import type { CommanderReminder } from '../../../lambdas/core/ports/commander-alerts.js';

const scheduler = mockClient(SchedulerClient);
const sns = mockClient(SNSClient);
const now = Date.parse('2024-12-11T23:16:00.000Z');
const props = {
  groupName: 'incident-comms-dev',
  targetArn: 'arn:aws:lambda:eu-west-1:123456789012:function:timer',
  roleArn: 'arn:aws:iam::123456789012:role/scheduler',
  deadLetterQueueArn: 'arn:aws:sqs:eu-west-1:123456789012:timers-dlq',
  clock: () => new Date(now),
};
const timer = { name: 'promise-inc_1', dueAt: '2024-12-11T23:46:00.000Z', target: { kind: 'promise-due' as const, incidentId: 'inc_1', version: 1 } };
const conflict = () => new ConflictException({ message: 'Schedule promise-inc_1 already exists.', Message: 'Schedule promise-inc_1 already exists.', $metadata: {} });

beforeEach(() => {
  scheduler.reset();
  sns.reset();
});

describe('timers on EventBridge Scheduler', () => {
  it('creates a one-time schedule in the group, at the due time in UTC, invoking the timer function with the target, deleted after it fires', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn' });
    await new EventBridgeTimerSchedule(new SchedulerClient({}), props).set(timer);
    const [call] = scheduler.commandCalls(CreateScheduleCommand);
    expect(call!.args[0].input).toEqual({
      Name: 'promise-inc_1',
      GroupName: 'incident-comms-dev',
      ScheduleExpression: 'at(2024-12-11T23:46:00)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: props.targetArn,
        RoleArn: props.roleArn,
        Input: JSON.stringify(timer.target),
        RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: props.deadLetterQueueArn },
      },
    });
  });

  it('moves the schedule when one of that name exists (a new promise for the incident)', async () => {
    scheduler.on(CreateScheduleCommand).rejects(conflict());
    scheduler.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn' });
    await new EventBridgeTimerSchedule(new SchedulerClient({}), props).set({ ...timer, dueAt: '2024-12-12T00:16:00.000Z', target: { ...timer.target, version: 2 } });
    const [update] = scheduler.commandCalls(UpdateScheduleCommand);
    expect(update!.args[0].input).toMatchObject({ Name: 'promise-inc_1', ScheduleExpression: 'at(2024-12-12T00:16:00)', Target: { Input: JSON.stringify({ ...timer.target, version: 2 }) } });
  });

  it('sets a time already past a minute ahead, so a late fan-out still gets its timer fired', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn' });
    await new EventBridgeTimerSchedule(new SchedulerClient({}), props).set({ ...timer, dueAt: '2024-12-11T20:00:00.000Z' });
    expect(scheduler.commandCalls(CreateScheduleCommand)[0]!.args[0].input.ScheduleExpression).toBe('at(2024-12-11T23:17:00)');
  });

  it('clears a schedule, and a schedule already gone (fired and deleted) is no error', async () => {
    scheduler.on(DeleteScheduleCommand).rejectsOnce(new ResourceNotFoundException({ message: 'not found', Message: 'not found', $metadata: {} })).resolves({});
    const timers = new EventBridgeTimerSchedule(new SchedulerClient({}), props);
    await timers.clear('promise-inc_1');
    await timers.clear('promise-inc_1');
    expect(scheduler.commandCalls(DeleteScheduleCommand).map((call) => call.args[0].input)).toEqual([
      { Name: 'promise-inc_1', GroupName: 'incident-comms-dev' },
      { Name: 'promise-inc_1', GroupName: 'incident-comms-dev' },
    ]);
  });

  it('lets any other refusal through, so the stream retries the record', async () => {
    scheduler.on(CreateScheduleCommand).rejects(new ValidationException({ message: 'bad', Message: 'bad', $metadata: {} }));
    await expect(new EventBridgeTimerSchedule(new SchedulerClient({}), props).set(timer)).rejects.toThrow('bad');
    expect(scheduler.commandCalls(UpdateScheduleCommand)).toHaveLength(0);
  });
});

describe("the commanders' topic", () => {
  const reminder: CommanderReminder = {
    incidentId: 'inc_1',
    version: 3,
    title: 'Chat — “down”\nagain',
    status: 'investigating',
    impact: 'critical',
    nextUpdateBy: '2024-12-11T23:46:00.000Z',
    lastUpdateAt: '2024-12-11T23:16:00.000Z',
    url: 'https://status.nimbus.example',
    text: 'Customers were promised an update.',
  };

  it('publishes one message: plain text for email, the AWS Chatbot custom notification for the rest, with an ASCII one-line subject', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    await new SnsCommanderAlerts(new SNSClient({}), 'arn:aws:sns:eu-west-1:123456789012:commanders').remind(reminder);
    const input = sns.commandCalls(PublishCommand)[0]!.args[0].input;
    expect(input.TopicArn).toBe('arn:aws:sns:eu-west-1:123456789012:commanders');
    expect(input.MessageStructure).toBe('json');
    expect(input.Subject).toBe('Incident inc_1: next update overdue');
    const message = JSON.parse(input.Message!) as { default: string; email: string };
    expect(message.email).toContain('Customers were promised an update.');
    expect(message.email).toContain('https://status.nimbus.example');
    expect(JSON.parse(message.default)).toMatchObject({
      version: '1.0',
      source: 'custom',
      content: { textType: 'client-markdown', title: `Next update overdue: ${reminder.title}` },
      metadata: { additionalContext: { incidentId: 'inc_1' } },
    });
  });
});
