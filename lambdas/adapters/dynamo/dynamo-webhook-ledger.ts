import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import '../../core/validation/english-issues.js';
import type { DeliveryKey } from '../../core/ports/delivery-ledger.js';
import type { SettledWebhookState, WebhookLedger, WebhookRecipientKey, WebhookRecipientState } from '../../core/ports/webhook-ledger.js';
import { itemTypes } from '../../core/store/table-definition.js';
import { cancelledByCondition } from './cancelled-by-condition.js';
import { recipientRecordExpiry } from './recipient-record-expiry.js';
import { sendConditionally } from './send-conditionally.js';
import type { StoreTables } from './dynamo-stores.js';
import { deliveryRowKey, webhookRecipientKeys } from './item-keys.js';
import { queryAll } from './query-all.js';

const recipientSchema = z.object({ state: z.enum(['planned', 'sent', 'failed', 'suppressed']), attempts: z._default(z.number(), 0) });
const progressSchema = z.object({ state: z.string(), outstanding: z.optional(z.number()), planningClosed: z.optional(z.boolean()) });


/**
 * The webhook ledger: delivery rows in the main table (where the API reads them), one item per
 * planned subscriber in the recipient table. Planning a subscriber and counting it into the row are
 * one transaction, and so are settling it and counting the outcome: a repeated planner or worker
 * counts nothing twice.
 *
 * @example
 * const ledger = new DynamoWebhookLedger(db, { tableName, recipientTableName });
 */
export class DynamoWebhookLedger implements WebhookLedger {
  private readonly tableName: string;
  private readonly recipientTableName: string;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    tables: StoreTables,
  ) {
    this.tableName = tables.tableName;
    this.recipientTableName = tables.recipientTableName;
  }

  async plan(delivery: DeliveryKey, webhookIds: readonly string[], now: string): Promise<string[]> {
    const row = await this.progress(delivery);
    if (!row) throw new Error(`no webhook delivery row for update ${delivery.seq} of ${delivery.incidentId} in ${delivery.locale}: the fan-out writes it before publishing`);
    if (!row.planningClosed) {
      await sendConditionally(this.db, 
        new UpdateCommand({
          TableName: this.tableName,
          Key: deliveryRowKey(delivery),
          UpdateExpression: 'SET recipients = :counts, outstanding = :zero, updatedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(recipients)',
          ExpressionAttributeValues: { ':counts': { planned: 0, sent: 0, failed: 0, suppressed: 0 }, ':zero': 0, ':now': now },
        }),
      );
      // One by one: each subscriber is planned and counted together, or not at all.
      for (const webhookId of webhookIds) await this.planOne({ ...delivery, webhookId }, now);
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: deliveryRowKey(delivery),
          UpdateExpression: 'SET planningClosed = :true, updatedAt = :now',
          ExpressionAttributeValues: { ':true': true, ':now': now },
          ConditionExpression: 'attribute_exists(pk)',
        }),
      );
    }
    const items = await queryAll(this.db, {
      TableName: this.recipientTableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': webhookRecipientKeys.partition(delivery.incidentId, delivery.seq, delivery.locale) },
      ConsistentRead: true,
    });
    return items.filter((item) => recipientSchema.parse(item).state === 'planned').map((item) => String(item['sk']));
  }

  private async planOne(key: WebhookRecipientKey, now: string): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.recipientTableName,
                Item: { ...recipientKey(key), type: itemTypes.webhookRecipient, state: 'planned', attempts: 0, plannedAt: now, expiresAt: recipientRecordExpiry(now) },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: deliveryRowKey({ ...key, channel: 'webhook' }),
                UpdateExpression: 'SET recipients.planned = recipients.planned + :one, outstanding = outstanding + :one, updatedAt = :now',
                ConditionExpression: 'attribute_exists(recipients)',
                ExpressionAttributeValues: { ':one': 1, ':now': now },
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (!cancelledByCondition(error, 0)) throw error;
    }
  }

  async recipient(key: WebhookRecipientKey): Promise<WebhookRecipientState | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.recipientTableName, Key: recipientKey(key), ConsistentRead: true }));
    return Item ? recipientSchema.parse(Item) : undefined;
  }

  async recordAttempt(key: WebhookRecipientKey, detail: string, now: string): Promise<void> {
    await sendConditionally(this.db, 
      new UpdateCommand({
        TableName: this.recipientTableName,
        Key: recipientKey(key),
        UpdateExpression: 'SET attempts = attempts + :one, detail = :detail, updatedAt = :now',
        ConditionExpression: '#state = :planned',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':one': 1, ':detail': detail, ':now': now, ':planned': 'planned' },
      }),
    );
  }

  async settle(key: WebhookRecipientKey, state: SettledWebhookState, detail: string | undefined, now: string): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.recipientTableName,
                Key: recipientKey(key),
                UpdateExpression: `SET #state = :state, updatedAt = :now${state === 'suppressed' ? '' : ', attempts = attempts + :one'}${detail === undefined ? '' : ', detail = :detail'}`,
                ConditionExpression: '#state = :planned',
                ExpressionAttributeNames: { '#state': 'state' },
                ExpressionAttributeValues: {
                  ':state': state,
                  ':planned': 'planned',
                  ':now': now,
                  ...(state === 'suppressed' ? {} : { ':one': 1 }),
                  ...(detail === undefined ? {} : { ':detail': detail }),
                },
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: deliveryRowKey({ ...key, channel: 'webhook' }),
                UpdateExpression: 'SET recipients.#counted = recipients.#counted + :one, outstanding = outstanding - :one, updatedAt = :now',
                ExpressionAttributeNames: { '#counted': state },
                ExpressionAttributeValues: { ':one': 1, ':now': now },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (cancelledByCondition(error, 0)) return false;
      throw error;
    }
  }

  async completeIfDone(delivery: DeliveryKey, now: string): Promise<boolean> {
    const progress = await this.progress(delivery);
    if (progress?.state !== 'pending' || progress.outstanding !== 0 || !progress.planningClosed) return false;
    return sendConditionally(this.db, 
      new UpdateCommand({
        TableName: this.tableName,
        Key: deliveryRowKey(delivery),
        UpdateExpression: 'SET #state = :sent, updatedAt = :now',
        ConditionExpression: '#state = :pending AND outstanding = :zero AND planningClosed = :true',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sent': 'sent', ':pending': 'pending', ':zero': 0, ':true': true, ':now': now },
      }),
    );
  }

  private async progress(delivery: DeliveryKey): Promise<z.infer<typeof progressSchema> | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: deliveryRowKey(delivery), ConsistentRead: true }));
    return Item ? progressSchema.parse(Item) : undefined;
  }

}


function recipientKey(key: WebhookRecipientKey) {
  return { pk: webhookRecipientKeys.partition(key.incidentId, key.seq, key.locale), sk: webhookRecipientKeys.recipient(key.webhookId) };
}

