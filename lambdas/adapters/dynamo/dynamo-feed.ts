import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod/mini';
import '../../core/validation/english-issues.js';
import { feedPosition, nextFeedPosition } from '../../core/feed/feed-position.js';
import { feedItemSchema } from '../../core/incident/answer-schemas.js';
import type { FeedItem } from '../../core/incident/answer-schemas.js';
import type { Feed, FeedPage, FeedWrite } from '../../core/ports/feed.js';
import { itemTypes, tableDefinition } from '../../core/store/table-definition.js';
import { feedKeys } from './item-keys.js';
import { decodeCursor, encodeCursor } from './page-cursor.js';

/** What the written-record holds: where the item was placed and when it expires. */
const writtenRecordSchema = z.object({ writtenAt: z.string(), expiresAt: z.number() });

/**
 * The in-app feed in the single table: a partition per locale sorted by when each item was written,
 * so every client reads the same few items however many clients there are, and a poller's cursor
 * meets an item written late. A record per update and locale, outside that partition, says whether
 * and where the item was placed, so it is placed once.
 *
 * @example
 * const page = await new DynamoFeed(db, tableName).page('en', { limit: 50, after, settledBefore });
 */
export class DynamoFeed implements Feed {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async putIfAbsent(item: FeedItem, write: FeedWrite): Promise<boolean> {
    // First the record that the update's item of this locale is written, and where: once only.
    // A redelivery finds it and puts the item where the first attempt placed it (that attempt may
    // have died between the two puts), so the item is placed once, however often it comes.
    let placed: FeedWrite;
    let first = true;
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: feedKeys.writtenPartition(item.locale, item.updateId), sk: feedKeys.written, type: itemTypes.feedWritten, ...write },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      placed = write;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      first = false;
      placed = writtenRecordSchema.parse(unmarshall(error.Item ?? {}));
    }
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: feedKeys.partition(item.locale), sk: feedPosition(placed.writtenAt, item.updateId), type: itemTypes.feed, ...item, ...placed },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    return first;
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
