import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { DeleteCommand, DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

/**
 * Sends a conditional write; false when its condition did not hold (the write was done before, or is
 * not due), which is an answer, not a failure. Anything else is thrown.
 *
 * @example
 * if (!(await sendConditionally(db, new UpdateCommand({ …, ConditionExpression: '#state = :pending' })))) return 'already-settled';
 */
export async function sendConditionally(db: DynamoDBDocumentClient, command: UpdateCommand | PutCommand | DeleteCommand): Promise<boolean> {
  try {
    // One call per command type: the client's overloads take each command, not their union.
    await (db.send as (command: UpdateCommand | PutCommand | DeleteCommand) => Promise<unknown>)(command);
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
