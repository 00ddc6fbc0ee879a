import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import * as z from 'zod/mini';
import { deliverySchema } from '../../core/incident/answer-schemas.js';
import type { Delivery } from '../../core/incident/answer-schemas.js';
import type { ClaimOutcome, DeliveryKey, DeliveryLedger, DeliveryOutcome, NewDelivery } from '../../core/ports/delivery-ledger.js';
import type { RedriveRequest } from '../../core/delivery/redrive-request.js';
import { itemTypes } from '../../core/store/table-definition.js';
import { cancelledByCondition } from './cancelled-by-condition.js';
import { deliveryRowKey, ledgerKeys } from './item-keys.js';
import { queryAll } from './query-all.js';

/** What a claim that lost reads of the row: whether it is settled, and whose lease holds it until when. */
const leaseSchema = z.object({ state: z.string(), leaseUntil: z.optional(z.number()) });

/**
 * The delivery ledger in the single table, in a partition per incident: one row per update ×
 * channel × locale and one publish record per update × locale. Every transition is a conditional
 * write, which is what turns at-least-once delivery (streams, SNS, SQS) into exactly-once effect.
 *
 * @example
 * const ledger = new DynamoDeliveryLedger(db, tableName);
 * await ledger.settle(key, { state: 'sent', externalId: postId }, now);
 */
export class DynamoDeliveryLedger implements DeliveryLedger {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async putIfAbsent(row: NewDelivery, now: string): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...deliveryRowKey(row), type: itemTypes.delivery, ...row, attempts: 0, updatedAt: now },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async publishedLocales(incidentId: string, seq: number): Promise<Map<string, string>> {
    const Items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': ledgerKeys.partition(incidentId), ':prefix': ledgerKeys.publishPrefix(seq) },
      ConsistentRead: true,
    });
    return new Map(Items.map((item) => [String(item['locale']), String(item['messageId'])]));
  }

  async markPublished(incidentId: string, seq: number, locale: string, messageId: string, now: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: ledgerKeys.partition(incidentId), sk: ledgerKeys.publish(seq, locale), type: itemTypes.publish, locale, messageId, publishedAt: now },
      }),
    );
  }

  async get(key: DeliveryKey): Promise<Delivery | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: deliveryRowKey(key), ConsistentRead: true }));
    return Item ? deliverySchema.parse(Item) : undefined;
  }

  /** The lease makes a copy of the same message arriving meanwhile wait instead of sending twice. */
  async claim(key: DeliveryKey, nowMs: number, leaseUntil: number, now: string): Promise<ClaimOutcome> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: deliveryRowKey(key),
          UpdateExpression: 'SET attempts = attempts + :one, leaseUntil = :leaseUntil, updatedAt = :now',
          ConditionExpression: '#state = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil < :nowMs)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':one': 1, ':leaseUntil': leaseUntil, ':now': now, ':nowMs': nowMs, ':pending': 'pending' },
        }),
      );
      return { outcome: 'claimed' };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: deliveryRowKey(key), ConsistentRead: true }));
      if (!Item) return { outcome: 'in-flight-elsewhere' };
      const { state, leaseUntil } = leaseSchema.parse(Item);
      if (state !== 'pending') return { outcome: 'already-settled' };
      return { outcome: 'in-flight-elsewhere', ...(leaseUntil === undefined ? {} : { leaseUntil }) };
    }
  }

  async release(key: DeliveryKey, detail: string, now: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: deliveryRowKey(key),
          UpdateExpression: 'SET detail = :detail, updatedAt = :now REMOVE leaseUntil',
          ConditionExpression: '#state = :pending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':detail': detail, ':now': now, ':pending': 'pending' },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async settle(key: DeliveryKey, outcome: DeliveryOutcome, now: string): Promise<boolean> {
    const sets = ['#state = :state', 'updatedAt = :now'];
    const values: Record<string, unknown> = { ':state': outcome.state, ':now': now, ':pending': 'pending' };
    if (outcome.externalId !== undefined) {
      sets.push('externalId = :externalId');
      values[':externalId'] = outcome.externalId;
    }
    if (outcome.detail !== undefined) {
      sets.push('detail = :detail');
      values[':detail'] = outcome.detail;
    }
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: deliveryRowKey(key),
          UpdateExpression: `SET ${sets.join(', ')} REMOVE leaseUntil`,
          ConditionExpression: '#state = :pending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async listForIncident(incidentId: string): Promise<Delivery[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': ledgerKeys.partition(incidentId), ':prefix': ledgerKeys.deliveryPrefix },
      ConsistentRead: true,
    });
    return items.map((item) => deliverySchema.parse(item));
  }

  async redrive(request: RedriveRequest): Promise<boolean> {
    const detail = `redriven by a commander at ${request.requestedAt}`;
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            ...request.targets.map(({ channel, locale }) => ({
              Update: {
                TableName: this.tableName,
                Key: deliveryRowKey({ incidentId: request.incidentId, seq: request.update.seq, channel, locale }),
                UpdateExpression: 'SET #state = :pending, detail = :detail, updatedAt = :now, redrives = if_not_exists(redrives, :zero) + :one',
                ConditionExpression: '#state = :failed',
                ExpressionAttributeNames: { '#state': 'state' },
                ExpressionAttributeValues: { ':pending': 'pending', ':failed': 'failed', ':detail': detail, ':now': request.requestedAt, ':zero': 0, ':one': 1 },
              },
            })),
            {
              Put: {
                TableName: this.tableName,
                // Beside the rows, in the ledger's partition: the stream carries its insert to the fan-out.
                Item: { pk: ledgerKeys.partition(request.incidentId), sk: ledgerKeys.redrive(request.redriveId), type: itemTypes.redriveRequest, ...request },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (cancelledByCondition(error)) return false;
      throw error;
    }
  }
}

