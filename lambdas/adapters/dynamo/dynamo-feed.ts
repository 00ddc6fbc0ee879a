import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { feedItemSchema } from '../../core/incident/answer-schemas.js';
import type { FeedItem } from '../../core/incident/answer-schemas.js';
import type { Feed, FeedPage } from '../../core/ports/feed.js';
import { itemTypes, tableDefinition } from '../../core/store/table-definition.js';
import { feedKeys } from './item-keys.js';
import { decodeCursor, encodeCursor } from './page-cursor.js';

/**
 * The in-app feed in the single table: a partition per locale sorted by the update's time, so every
 * client reads the same few items however many clients there are.
 *
 * @example
 * const page = await new DynamoFeed(db, tableName).page('en', { limit: 50 });
 */
export class DynamoFeed implements Feed {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async putIfAbsent(item: FeedItem): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: feedKeys.partition(item.locale), sk: feedKeys.item(item.createdAt, item.updateId), type: itemTypes.feed, ...item },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async page(locale: string, options: { limit: number; after?: string; newestFirst?: boolean }): Promise<FeedPage> {
    const pk = feedKeys.partition(locale);
    const { Items = [], LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ScanIndexForward: !options.newestFirst,
        Limit: options.limit,
        ExclusiveStartKey:
          options.after === undefined
            ? undefined
            : decodeCursor(options.after, { parameter: 'after', pinned: { pk }, attributes: [tableDefinition.partitionKey, tableDefinition.sortKey] }),
      }),
    );
    return {
      items: Items.map((item) => feedItemSchema.parse(item)),
      nextCursor: LastEvaluatedKey ? encodeCursor(LastEvaluatedKey) : null,
    };
  }
}
