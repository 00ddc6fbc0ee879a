import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/**
 * True when a TransactWriteItems was cancelled because a condition failed: of the item at
 * `itemIndex`, or of any item when none is named. Such a cancellation means the write was already
 * done (or is not due); anything else is a real failure to rethrow.
 *
 * @example
 * if (!cancelledByCondition(error, 0)) throw error;
 */
export function cancelledByCondition(error: unknown, itemIndex?: number): error is TransactionCanceledException {
  if (!(error instanceof TransactionCanceledException)) return false;
  const reasons = error.CancellationReasons ?? [];
  const considered = itemIndex === undefined ? reasons : reasons.slice(itemIndex, itemIndex + 1);
  return considered.some((reason) => reason.Code === 'ConditionalCheckFailed');
}
