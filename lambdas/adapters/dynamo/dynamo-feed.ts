import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { nextFeedPosition } from '../../core/feed/feed-position.js';
import { feedItemSchema } from '../../core/incident/answer-schemas.js';
import type { Feed, FeedPage } from '../../core/ports/feed.js';
import { tableDefinition } from '../../core/store/table-definition.js';
import { DynamoFeedWriter } from './dynamo-feed-writer.js';
import { feedKeys } from './item-keys.js';
import { decodeCursor, encodeCursor } from './page-cursor.js';

/**
 * The in-app feed in the single table, read: a partition per locale sorted by when each item was
 * written, so every client reads the same few items however many clients there are, and a poller's
 * cursor meets an item written late. Writing is `DynamoFeedWriter`'s, which this extends.
 *
 * @example
 * const page = await new DynamoFeed(db, tableName).page('en', { limit: 50, after, settledBefore });
 */
export class DynamoFeed extends DynamoFeedWriter implements Feed {
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
