import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { deliverySchema } from '../../core/incident/answer-schemas.js';
import type { Delivery } from '../../core/incident/answer-schemas.js';
import type { Channel } from '../../core/incident/vocabulary.js';
import { ledgerKeys } from './item-keys.js';
import { itemTypes } from './table-definition.js';

export interface DeliveryKey {
  incidentId: string;
  seq: number;
  channel: Channel;
  locale: string;
}

export type NewDelivery = DeliveryKey & Pick<Delivery, 'updateId' | 'state' | 'detail'>;

/** What a channel handler learns when it tries to take a delivery for itself. */
export type ClaimOutcome = 'claimed' | 'already-settled' | 'in-flight-elsewhere';

/**
 * The delivery ledger: one row per update × channel × locale. Every transition is a conditional
 * write, which is what turns at-least-once delivery (streams, SNS, SQS) into exactly-once effect.
 */
export class DeliveryLedger {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Writes the row unless it exists: a redelivered stream record finds its rows and changes nothing. */
  async putIfAbsent(row: NewDelivery, now: string): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...rowKey(row), type: itemTypes.delivery, ...row, attempts: 0, updatedAt: now },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Locales of this update already published to SNS, each with its SNS message id (a retried fan-out publishes only the rest). */
  async publishedLocales(incidentId: string, seq: number): Promise<Map<string, string>> {
    const prefix = ledgerKeys.publish(seq, '');
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': ledgerKeys.partition(incidentId), ':prefix': prefix },
        ConsistentRead: true,
      }),
    );
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
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: rowKey(key), ConsistentRead: true }));
    return Item ? deliverySchema.parse(Item) : undefined;
  }

  /**
   * Takes a pending delivery for one attempt, leased until `leaseUntil` (epoch ms) so that a copy of
   * the same message arriving meanwhile waits instead of sending twice.
   */
  async claim(key: DeliveryKey, nowMs: number, leaseUntil: number, now: string): Promise<ClaimOutcome> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: rowKey(key),
          UpdateExpression: 'SET attempts = attempts + :one, leaseUntil = :leaseUntil, updatedAt = :now',
          ConditionExpression: '#state = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil < :nowMs)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':one': 1, ':leaseUntil': leaseUntil, ':now': now, ':nowMs': nowMs, ':pending': 'pending' },
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = await this.get(key);
      return current === undefined || current.state === 'pending' ? 'in-flight-elsewhere' : 'already-settled';
    }
  }

  /** Gives a claimed delivery back (a retryable failure), keeping its attempt count. */
  async release(key: DeliveryKey, detail: string, now: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: rowKey(key),
        UpdateExpression: 'SET detail = :detail, updatedAt = :now REMOVE leaseUntil',
        ConditionExpression: '#state = :pending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':detail': detail, ':now': now, ':pending': 'pending' },
      }),
    );
  }

  /** Settles a delivery once; settling it again (a redelivery) changes nothing and returns false. */
  async settle(key: DeliveryKey, outcome: { state: 'sent' | 'failed'; externalId?: string; detail?: string }, now: string): Promise<boolean> {
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
          Key: rowKey(key),
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

  /** Every row of an incident, in update, channel and locale order. */
  async listForIncident(incidentId: string): Promise<Delivery[]> {
    const rows: Delivery[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': ledgerKeys.partition(incidentId), ':prefix': ledgerKeys.deliveryPrefix },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      rows.push(...(page.Items ?? []).map((item) => deliverySchema.parse(item)));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return rows;
  }
}

function rowKey(key: DeliveryKey) {
  return { pk: ledgerKeys.partition(key.incidentId), sk: ledgerKeys.delivery(key.seq, key.channel, key.locale) };
}
