import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { normalizeAddress } from '../../core/email/normalize-address.js';
import type { SubscriberState } from '../../core/incident/vocabulary.js';
import type { SubscriberPage, SubscriberStore } from '../../core/ports/subscriber-store.js';
import type { MailRequest } from '../../core/subscribers/mail-request.js';
import { shardOf, subscriberSchema, subscriberShardCount } from '../../core/subscribers/subscriber.js';
import type { Subscriber } from '../../core/subscribers/subscriber.js';
import { itemTypes, recipientTableDefinition, tableDefinition } from '../../core/store/table-definition.js';
import { batchGetAll } from './batch-get-all.js';
import type { StoreTables } from './dynamo-stores.js';
import { mailRequestKeys, subscriberIndexKeys, subscriberKeys } from './item-keys.js';
import { decodeCursor, encodeCursor } from './page-cursor.js';
import { decodeSubscriberListCursor, encodeSubscriberListCursor } from './subscriber-list-cursor.js';

const { audience, subscriberList } = recipientTableDefinition.indexes;

/** The email workers have long sent a mail request's mail when TTL removes the request. */
const mailRequestLifetimeSeconds = 7 * 24 * 60 * 60;
/** Items read from one shard at a time while merging the list: a page's share of it, and some. */
const minimumShardRead = 10;

type Item = Record<string, unknown>;

/**
 * The subscriber list in the recipient table. A subscriber is an item in its own partition; its address
 * is a second item (`ADDRESS#<normalized email>`) written in the same transaction, only if absent,
 * so an address is on the list once however many requests race. Every save is conditional on the
 * version it was computed from, and a mail request rides in the same transaction (its insert on the
 * stream is what makes the email workers send it). Two sparse indexes: `audience` holds confirmed
 * subscribers only, by locale and shard (what the email planner reads); `subscriberList` holds
 * everyone by shard, newest first (the export).
 *
 * @example
 * const subscribers = new DynamoSubscriberStore(db, { tableName, recipientTableName });
 * if (!(await subscribers.create(subscriber, mailRequest))) {
 *   // the address was taken meanwhile: read it again and decide again
 * }
 */
export class DynamoSubscriberStore implements SubscriberStore {
  /** Subscribers and their addresses. */
  private readonly recipientTableName: string;
  /** Where mail requests go: the main table, whose stream hands them to the email workers. */
  private readonly tableName: string;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    tables: StoreTables,
  ) {
    this.recipientTableName = tables.recipientTableName;
    this.tableName = tables.tableName;
  }

  async findByEmail(email: string): Promise<Subscriber | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.recipientTableName,
        Key: { pk: subscriberKeys.addressPartition(normalizeAddress(email)), sk: subscriberKeys.address },
        ConsistentRead: true,
      }),
    );
    return typeof Item?.['subscriberId'] === 'string' ? this.get(Item['subscriberId']) : undefined;
  }

  async get(id: string): Promise<Subscriber | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.recipientTableName, Key: profileKey(id), ConsistentRead: true }));
    return Item ? subscriberSchema.parse(Item) : undefined;
  }

  async getMany(ids: readonly string[]): Promise<Subscriber[]> {
    const items = await batchGetAll(this.db, this.recipientTableName, [...new Set(ids)].map(profileKey));
    return items.map((item) => subscriberSchema.parse(item));
  }

  async create(subscriber: Subscriber, mail?: MailRequest): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.recipientTableName, Item: subscriberItem(subscriber), ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Put: {
                TableName: this.recipientTableName,
                Item: {
                  pk: subscriberKeys.addressPartition(normalizeAddress(subscriber.email)),
                  sk: subscriberKeys.address,
                  type: itemTypes.subscriberAddress,
                  subscriberId: subscriber.id,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...(mail ? [mailRequestPut(this.tableName, mail)] : []),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (lostTheRace(error)) return false;
      throw error;
    }
  }

  async save(subscriber: Subscriber, expectedVersion: number, mail?: MailRequest): Promise<boolean> {
    const put = {
      TableName: this.recipientTableName,
      Item: subscriberItem(subscriber),
      // A Put replaces the whole item, so leaving `confirmed` drops the audience keys with it.
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': expectedVersion },
    };
    try {
      if (mail) await this.db.send(new TransactWriteCommand({ TransactItems: [{ Put: put }, mailRequestPut(this.tableName, mail)] }));
      else await this.db.send(new PutCommand(put));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || lostTheRace(error)) return false;
      throw error;
    }
  }

  /**
   * Newest first over the 8 shards: each shard is read newest first, a little at a time, and the
   * reads are merged. The cursor is the list position of the last subscriber returned (creation
   * time and id order every subscriber uniquely), so every shard resumes below it.
   */
  async list(options: { state?: SubscriberState; limit: number; cursor?: string }): Promise<SubscriberPage> {
    const below = options.cursor === undefined ? undefined : decodeSubscriberListCursor(options.cursor, options.state);
    const chunk = Math.max(minimumShardRead, Math.ceil(options.limit / subscriberShardCount) + 1);
    const shards = Array.from({ length: subscriberShardCount }, (_, shard) => new ShardReader(this.db, this.recipientTableName, shard, chunk, options.state, below));
    await Promise.all(shards.map((shard) => shard.fill()));
    const taken: Item[] = [];
    // One more than the page, to know whether anything follows it.
    while (taken.length <= options.limit) {
      const newest = shards.filter((shard) => shard.head !== undefined).sort((a, b) => (listPosition(b.head!) > listPosition(a.head!) ? 1 : -1))[0];
      if (!newest) break;
      taken.push(newest.take());
      await newest.fill();
    }
    const page = taken.slice(0, options.limit);
    return {
      subscribers: page.map((item) => subscriberSchema.parse(item)),
      nextCursor: taken.length > options.limit ? encodeSubscriberListCursor(listPosition(page.at(-1)!), options.state) : null,
    };
  }

  async audiencePage(locale: string, shard: number, options: { limit: number; cursor?: string }): Promise<SubscriberPage> {
    const partition = subscriberIndexKeys.audience(locale, shard);
    const { Items = [], LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.recipientTableName,
        IndexName: audience.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': audience.partitionKey },
        ExpressionAttributeValues: { ':pk': partition },
        Limit: options.limit,
        ExclusiveStartKey:
          options.cursor === undefined
            ? undefined
            : decodeCursor(options.cursor, {
                parameter: 'cursor',
                pinned: { [audience.partitionKey]: partition },
                attributes: [recipientTableDefinition.partitionKey, recipientTableDefinition.sortKey, audience.partitionKey, audience.sortKey],
              }),
      }),
    );
    return { subscribers: Items.map((item) => subscriberSchema.parse(item)), nextCursor: LastEvaluatedKey ? encodeCursor(LastEvaluatedKey) : null };
  }
}

/** One shard of the list, read newest first below a position, a chunk at a time, as the merge needs it. */
class ShardReader {
  private buffer: Item[] = [];
  private startKey: Item | undefined;
  private exhausted = false;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly recipientTableName: string,
    private readonly shard: number,
    private readonly chunk: number,
    private readonly state: SubscriberState | undefined,
    private readonly below: string | undefined,
  ) {}

  get head(): Item | undefined {
    return this.buffer[0];
  }

  take(): Item {
    return this.buffer.shift()!;
  }

  /** Reads on while the buffer is empty and the shard has more (a state filter may leave a read empty). */
  async fill(): Promise<void> {
    while (this.buffer.length === 0 && !this.exhausted) {
      const input: QueryCommandInput = {
        TableName: this.recipientTableName,
        IndexName: subscriberList.indexName,
        KeyConditionExpression: this.below === undefined ? '#pk = :pk' : '#pk = :pk AND #sk < :below',
        ExpressionAttributeNames: { '#pk': subscriberList.partitionKey, ...(this.below === undefined ? {} : { '#sk': subscriberList.sortKey }), ...(this.state ? { '#state': 'state' } : {}) },
        ExpressionAttributeValues: {
          ':pk': subscriberIndexKeys.list(this.shard),
          ...(this.below === undefined ? {} : { ':below': this.below }),
          ...(this.state ? { ':state': this.state } : {}),
        },
        ...(this.state ? { FilterExpression: '#state = :state' } : {}),
        ScanIndexForward: false,
        Limit: this.chunk,
        ExclusiveStartKey: this.startKey,
      };
      const { Items = [], LastEvaluatedKey } = await this.db.send(new QueryCommand(input));
      this.buffer.push(...Items);
      this.startKey = LastEvaluatedKey;
      this.exhausted = LastEvaluatedKey === undefined;
    }
  }
}

function profileKey(id: string): Item {
  return { pk: subscriberKeys.partition(id), sk: subscriberKeys.profile };
}

function listPosition(item: Item): string {
  return String(item[subscriberList.sortKey]);
}

function subscriberItem(subscriber: Subscriber): Item {
  const shard = shardOf(subscriber.id);
  return {
    ...profileKey(subscriber.id),
    type: itemTypes.subscriber,
    ...subscriber,
    [subscriberList.partitionKey]: subscriberIndexKeys.list(shard),
    [subscriberList.sortKey]: subscriberIndexKeys.listed(subscriber.createdAt, subscriber.id),
    // Only confirmed subscribers carry the audience keys: the index is sparse, so the planner reads
    // exactly who gets mail, and a subscriber leaving `confirmed` leaves it with the same write.
    ...(subscriber.state === 'confirmed'
      ? { [audience.partitionKey]: subscriberIndexKeys.audience(subscriber.locale, shard), [audience.sortKey]: subscriber.id }
      : {}),
  };
}

function mailRequestPut(tableName: string, mail: MailRequest) {
  return {
    Put: {
      TableName: tableName,
      Item: {
        pk: mailRequestKeys.partition(mail.id),
        sk: mailRequestKeys.record,
        type: itemTypes.mailRequest,
        ...mail,
        [tableDefinition.timeToLiveAttribute]: Math.floor(Date.parse(mail.requestedAt) / 1000) + mailRequestLifetimeSeconds,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** A condition of the transaction failed, or another transaction touched the same items: read again and decide again. */
function lostTheRace(error: unknown): boolean {
  return (
    error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed' || reason.Code === 'TransactionConflict')
  );
}
