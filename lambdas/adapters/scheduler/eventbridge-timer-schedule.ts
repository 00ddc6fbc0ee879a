import { CreateScheduleCommand, DeleteScheduleCommand, UpdateScheduleCommand } from '@aws-sdk/client-scheduler';
import type { CreateScheduleCommandInput, SchedulerClient } from '@aws-sdk/client-scheduler';
import type { Clock } from '../../core/ports/clock.js';
import type { TimerSchedule } from '../../core/ports/timer-schedule.js';
import type { Timer } from '../../core/timers/timer-target.js';

export interface EventBridgeTimerScheduleProps {
  /** The stage's schedule group. */
  groupName: string;
  /** The timer function the schedules invoke. */
  targetArn: string;
  /** The role Scheduler assumes to invoke it (lambda:InvokeFunction on that function only). */
  roleArn: string;
  /** Where Scheduler puts an invocation it could not make. */
  deadLetterQueueArn: string;
  clock: Clock;
}

/** A time already past (a backlog delayed the fan-out) is set this far ahead, so the schedule still fires once. */
const soonestMs = 60_000;

/**
 * Timers as EventBridge Scheduler one-time schedules, one per timer name in the stage's group,
 * deleted by Scheduler once they fired. Setting a name again moves its schedule (create, or update
 * when it exists); clearing one that already fired or never existed is no error.
 *
 * @example
 * await new EventBridgeTimerSchedule(new SchedulerClient({}), props).set({ name: 'promise-inc_01J…', dueAt, target });
 */
export class EventBridgeTimerSchedule implements TimerSchedule {
  constructor(
    private readonly scheduler: SchedulerClient,
    private readonly props: EventBridgeTimerScheduleProps,
  ) {}

  async set(timer: Timer): Promise<void> {
    const input = this.scheduleOf(timer);
    try {
      await this.scheduler.send(new CreateScheduleCommand(input));
    } catch (error) {
      if (errorName(error) !== 'ConflictException') throw error;
      await this.scheduler.send(new UpdateScheduleCommand(input));
    }
  }

  async clear(name: string): Promise<void> {
    try {
      await this.scheduler.send(new DeleteScheduleCommand({ Name: name, GroupName: this.props.groupName }));
    } catch (error) {
      if (errorName(error) !== 'ResourceNotFoundException') throw error;
    }
  }

  private scheduleOf(timer: Timer): CreateScheduleCommandInput {
    const due = Math.max(Date.parse(timer.dueAt), this.props.clock().getTime() + soonestMs);
    return {
      Name: timer.name,
      GroupName: this.props.groupName,
      // at() takes a local date-time without zone or fraction; the zone is given beside it.
      ScheduleExpression: `at(${new Date(due).toISOString().slice(0, 19)})`,
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: this.props.targetArn,
        RoleArn: this.props.roleArn,
        Input: JSON.stringify(timer.target),
        RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: this.props.deadLetterQueueArn },
      },
    };
  }
}

// By name rather than instanceof: importing the exception classes would bring the client's whole
// error model into the fan-out's bundle, and SDK errors carry their name.
function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}
