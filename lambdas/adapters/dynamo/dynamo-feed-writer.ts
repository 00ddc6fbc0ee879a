import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { feedPosition } from '../../core/feed/feed-position.js';
import type { FeedItem } from '../../core/incident/answer-schemas.js';
import type { FeedWrite, FeedWriter } from '../../core/ports/feed.js';
import { itemTypes } from '../../core/store/table-definition.js';
import { cancelledByCondition } from './cancelled-by-condition.js';
import { feedKeys } from './item-keys.js';

/**
 * Writes the in-app feed in the single table: a partition per locale sorted by when each item was
 * written. A record per update and locale, outside that partition and written in the same
 * transaction, makes the write happen once. The in-app function only writes, so it carries no
 * reading code (`DynamoFeed` reads).
 *
 * @example
 * const written = await new DynamoFeedWriter(db, tableName).putIfAbsent(item, { writtenAt, expiresAt });
 */
export class DynamoFeedWriter implements FeedWriter {
  constructor(
    protected readonly db: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

  async putIfAbsent(item: FeedItem, { writtenAt, expiresAt }: FeedWrite): Promise<boolean> {
    const ifAbsent = { TableName: this.tableName, ConditionExpression: 'attribute_not_exists(pk)' };
    try {
      // Both or neither: the record that the update's item of this locale is written, and the item.
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { ...ifAbsent, Item: { pk: feedKeys.writtenPartition(item.locale, item.updateId), sk: feedKeys.written, type: itemTypes.feedWritten, writtenAt, expiresAt } } },
            { Put: { ...ifAbsent, Item: { pk: feedKeys.partition(item.locale), sk: feedPosition(writtenAt, item.updateId), type: itemTypes.feed, ...item, writtenAt, expiresAt } } },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (cancelledByCondition(error, 0)) return false;
      throw error;
    }
  }
}
