import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { WebhookPage, WebhookStore } from '../../core/ports/webhook-store.js';
import { itemTypes } from '../../core/store/table-definition.js';
import type { WebhookHealth } from '../../core/webhooks/webhook-health.js';
import { webhookSubscriberSchema } from '../../core/webhooks/webhook-subscriber.js';
import type { WebhookSubscriber } from '../../core/webhooks/webhook-subscriber.js';
import { webhookKeys } from './item-keys.js';
import { decodeCursor, encodeCursor } from './page-cursor.js';
import { queryAll } from './query-all.js';
import { sendConditionally } from './send-conditionally.js';

const healthAttributes = ['state', 'lastSuccessAt', 'lastFailure', 'failingSince', 'disabledAt'] as const;

/**
 * Webhook subscribers in the recipient table, all in one partition by id: they are few (a
 * subscriber is a system, not a person), so the planner reads them all in one consistent Query and
 * the list pages through the same partition newest first.
 *
 * @example
 * const webhooks = new DynamoWebhookStore(db, recipientTableName);
 * await webhooks.create(subscriber);
 */
export class DynamoWebhookStore implements WebhookStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(subscriber: WebhookSubscriber): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...key(subscriber.id), type: itemTypes.webhook, ...subscriber },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(webhookId: string): Promise<WebhookSubscriber | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key(webhookId), ConsistentRead: true }));
    return Item ? webhookSubscriberSchema.parse(Item) : undefined;
  }

  async remove(webhookId: string): Promise<boolean> {
    const { Attributes } = await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: key(webhookId), ReturnValues: 'ALL_OLD' }));
    return Attributes !== undefined;
  }

  async list(options: { limit: number; cursor?: string }): Promise<WebhookPage> {
    const { Items = [], LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': webhookKeys.partition },
        ScanIndexForward: false,
        Limit: options.limit,
        ...(options.cursor === undefined
          ? {}
          : { ExclusiveStartKey: decodeCursor(options.cursor, { parameter: 'cursor', pinned: { pk: webhookKeys.partition }, attributes: ['pk', 'sk'] }) }),
      }),
    );
    return { items: Items.map((item) => webhookSubscriberSchema.parse(item)), nextCursor: LastEvaluatedKey ? encodeCursor(LastEvaluatedKey) : null };
  }

  async all(): Promise<WebhookSubscriber[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': webhookKeys.partition },
      ConsistentRead: true,
    });
    return items.map((item) => webhookSubscriberSchema.parse(item));
  }

  async recordHealth(webhookId: string, health: WebhookHealth): Promise<void> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets: string[] = [];
    const removes: string[] = [];
    healthAttributes.forEach((attribute, index) => {
      names[`#a${index}`] = attribute;
      const value = health[attribute];
      if (value === undefined) removes.push(`#a${index}`);
      else {
        sets.push(`#a${index} = :v${index}`);
        values[`:v${index}`] = value;
      }
    });
    await sendConditionally(
      this.db,
      new UpdateCommand({
        TableName: this.tableName,
        Key: key(webhookId),
        UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].join(' ').trim(),
        // Never brings a removed subscriber back as a bare health record.
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: names,
        ...(sets.length ? { ExpressionAttributeValues: values } : {}),
      }),
    );
  }
}

function key(webhookId: string) {
  return { pk: webhookKeys.partition, sk: webhookKeys.subscriber(webhookId) };
}
