import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PromiseReminders } from '../../core/ports/promise-reminders.js';
import { incidentKeys } from './item-keys.js';

/**
 * A missed promise on the incident's head item: `overdue` (what the API shows), `reminderClaimedAt`
 * and `remindedAt` (what keeps the reminder to one). Each write is conditional on the version the
 * promise was made in, so it can never touch the head of a later update; the next update's head is
 * written whole and carries none of them.
 *
 * @example
 * const reminders = new DynamoPromiseReminders(db, tableName);
 */
export class DynamoPromiseReminders implements PromiseReminders {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(incidentId: string, version: number, now: string, staleBefore: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.keyOf(incidentId),
          UpdateExpression: 'SET overdue = :true, reminderClaimedAt = :now',
          ConditionExpression:
            'version = :version AND attribute_not_exists(remindedAt) AND (attribute_not_exists(reminderClaimedAt) OR reminderClaimedAt < :staleBefore)',
          ExpressionAttributeValues: { ':true': true, ':now': now, ':version': version, ':staleBefore': staleBefore },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async markReminded(incidentId: string, version: number, now: string): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.keyOf(incidentId),
          UpdateExpression: 'SET remindedAt = :now',
          ConditionExpression: 'version = :version',
          ExpressionAttributeValues: { ':now': now, ':version': version },
        }),
      );
    } catch (error) {
      // An update came meanwhile: its new head owes no reminder, so there is nothing left to mark.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  private keyOf(incidentId: string) {
    return { pk: incidentKeys.partition(incidentId), sk: incidentKeys.head };
  }
}
