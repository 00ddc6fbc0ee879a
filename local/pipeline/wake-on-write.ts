import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const writeCommands = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand']);

/**
 * Calls `wake` after every successful write through `db`: the local stream poller then reads the
 * stream at once instead of at its next idle tick, as Lambda's event source mapping does deployed
 * (its poll is continuous). Writes from other processes are still found by the tick.
 *
 * @example
 * wakeOnWrite(db, () => poller.wake());
 */
export function wakeOnWrite(db: DynamoDBDocumentClient, wake: () => void): void {
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const output = await next(args);
      if (writeCommands.has(context.commandName ?? '')) wake();
      return output;
    },
    { step: 'initialize', name: 'wakeStreamPollerOnWrite' },
  );
}
