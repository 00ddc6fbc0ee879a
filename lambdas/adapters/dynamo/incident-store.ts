import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Change } from '../../core/incident/lifecycle.js';
import { incidentHeadSchema, timelineUpdateSchema } from '../../core/incident/model.js';
import type { IncidentHead, TimelineUpdate } from '../../core/incident/model.js';
import { itemTypes, tableDefinition } from './table-definition.js';
import { incidentIndexKeys, incidentKeys } from './item-keys.js';
import { IdempotencyKeyTaken, TransientWriteConflict, VersionConflict } from './store-errors.js';
import type { IdempotencyRecord } from './idempotency-record.js';
import { idempotencyItem } from './idempotency-record.js';
import { decodeCursor, encodeCursor } from './page-cursor.js';

export type IncidentState = 'open' | 'resolved' | 'all';

export interface IncidentPage {
  heads: IncidentHead[];
  nextCursor: string | null;
}

/**
 * Incidents and their timelines in the single table. Every accepted change is one transaction: the
 * head is written only if its version is still the one the change was computed from, and the new
 * timeline item only if its seq is free, so racing commanders can never both win nor leave a gap.
 */
export class IncidentStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getHead(incidentId: string): Promise<IncidentHead | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: incidentKeys.partition(incidentId), sk: incidentKeys.head },
        ConsistentRead: true,
      }),
    );
    return Item ? incidentHeadSchema.parse(Item) : undefined;
  }

  /** The incident with its timeline in seq order; `throughSeq` rebuilds an earlier version. */
  async getIncident(incidentId: string, throughSeq?: number): Promise<{ head: IncidentHead; updates: TimelineUpdate[] } | undefined> {
    const pk = incidentKeys.partition(incidentId);
    const items = await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ConsistentRead: true,
    });
    const headItem = items.find((item) => item[tableDefinition.sortKey] === incidentKeys.head);
    if (!headItem) return undefined;
    const updates = items
      .filter((item) => item[tableDefinition.typeAttribute] === itemTypes.update)
      .map((item) => timelineUpdateSchema.parse(item))
      .filter((update) => throughSeq === undefined || update.seq <= throughSeq);
    return { head: incidentHeadSchema.parse(headItem), updates };
  }

  /**
   * Stores a change. `expectedVersion` is the head version the change was computed from (absent for a
   * declaration, whose head must not exist yet). The idempotency record rides in the same transaction.
   */
  async commit(change: Change, expectedVersion: number | null, idempotency?: IdempotencyRecord): Promise<void> {
    const { head, update } = change;
    const pk = incidentKeys.partition(head.id);
    const headCondition =
      expectedVersion === null
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } };
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: headItem(head), ...headCondition } },
            {
              Put: {
                TableName: this.tableName,
                Item: { pk, sk: incidentKeys.update(update.seq), type: itemTypes.update, ...update },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...(idempotency
              ? [
                  {
                    Put: {
                      TableName: this.tableName,
                      Item: idempotencyItem(idempotency),
                      // An expired record may still sit in the table until TTL sweeps it; it no longer counts.
                      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :nowSeconds',
                      ExpressionAttributeValues: { ':nowSeconds': Math.floor(Date.parse(update.createdAt) / 1000) },
                    },
                  },
                ]
              : []),
          ],
        }),
      );
    } catch (error) {
      throw translateCancellation(error);
    }
  }

  /** Incidents newest first, one page at a time, with an opaque cursor. */
  async listIncidents(state: IncidentState, limit: number, cursor?: string): Promise<IncidentPage> {
    const [byState, byStart] = tableDefinition.globalSecondaryIndexes;
    const index = state === 'all' ? byStart : byState;
    const partitionValue = state === 'all' ? incidentIndexKeys.all : incidentIndexKeys.state(state);
    const { Items = [], LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':pk': partitionValue },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: cursor === undefined ? undefined : decodeCursor(cursor, { [index.partitionKey]: partitionValue }, [tableDefinition.partitionKey, tableDefinition.sortKey, index.partitionKey, index.sortKey]),
      }),
    );
    return {
      heads: Items.map((item) => incidentHeadSchema.parse(item)),
      nextCursor: LastEvaluatedKey ? encodeCursor(LastEvaluatedKey) : null,
    };
  }

  /** Every open incident; there are few at any time, so this reads them all. */
  async listOpen(): Promise<IncidentHead[]> {
    const [byState] = tableDefinition.globalSecondaryIndexes;
    const items = await this.queryAll({
      TableName: this.tableName,
      IndexName: byState.indexName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': byState.partitionKey },
      ExpressionAttributeValues: { ':pk': incidentIndexKeys.state('open') },
      ScanIndexForward: false,
    });
    return items.map((item) => incidentHeadSchema.parse(item));
  }

  private async queryAll(input: QueryCommandInput): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new QueryCommand({ ...input, ExclusiveStartKey }));
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }
}

function headItem(head: IncidentHead): Record<string, unknown> {
  return {
    pk: incidentKeys.partition(head.id),
    sk: incidentKeys.head,
    type: itemTypes.incident,
    statePk: incidentIndexKeys.state(head.status === 'resolved' ? 'resolved' : 'open'),
    allPk: incidentIndexKeys.all,
    startedSk: incidentIndexKeys.started(head.startedAt, head.id),
    ...head,
  };
}

function translateCancellation(error: unknown): unknown {
  if (!(error instanceof TransactionCanceledException)) return error;
  const [headReason, updateReason, idempotencyReason] = error.CancellationReasons ?? [];
  if (headReason?.Code === 'ConditionalCheckFailed' || updateReason?.Code === 'ConditionalCheckFailed') {
    return new VersionConflict('the incident changed while this update was being written');
  }
  if (idempotencyReason?.Code === 'ConditionalCheckFailed') {
    return new IdempotencyKeyTaken('the Idempotency-Key was used by a request that finished first');
  }
  if ((error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict')) {
    return new TransientWriteConflict('another transaction touched the same items');
  }
  return error;
}
