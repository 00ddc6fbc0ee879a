import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { feedPosition, nextFeedPosition } from '../../core/feed/feed-position.js';
import { feedItemSchema } from '../../core/incident/answer-schemas.js';
import type { FeedItem } from '../../core/incident/answer-schemas.js';
import type { Feed, FeedPage, FeedWrite } from '../../core/ports/feed.js';
import { itemTypes, tableDefinition } from '../../core/store/table-definition.js';
import { cancelledByCondition } from './cancelled-by-condition.js';
import { feedKeys } from './item-keys.js';
import { decodeCursor, encodeCursor } from './page-cursor.js';

/**
 * The in-app feed in the single table: a partition per locale sorted by when each item was written,
 * so every client reads the same few items however many clients there are, and a poller's cursor
 * meets an item written late. A record per update and locale, outside that partition and written in
 * the same transaction, makes the write happen once.
 *
 * @example
 * const page = await new DynamoFeed(db, tableName).page('en', { limit: 50, after, settledBefore });
 */
export class DynamoFeed implements Feed {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
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

  async page(locale: string, options: { limit: number; after?: string; newestFirst?: boolean; settledBefore?: string }): Promise<FeedPage> {
    const pk = feedKeys.partition(locale);
    const start =
      options.after === undefined
        ? undefined
        : decodeCursor(options.after, { parameter: 'after', pinned: { pk }, attributes: [tableDefinition.partitionKey, tableDefinition.sortKey] });
    const { Items = [], LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ScanIndexForward: !options.newestFirst,
        Limit: options.limit,
        ExclusiveStartKey: start,
      }),
    );
    const items = Items.map((item) => feedItemSchema.parse(item));
    if (options.newestFirst) return { items, nextCursor: LastEvaluatedKey ? encodeCursor(LastEvaluatedKey) : null };
    const positions = Items.map((item) => ({ position: String(item['sk']), writtenAt: typeof item['writtenAt'] === 'string' ? item['writtenAt'] : undefined }));
    return { items, nextCursor: encodeCursor({ pk, sk: nextFeedPosition(positions, options.settledBefore, start?.['sk']) }) };
  }
}
