import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { IdempotencyRecord } from '../../core/incident/idempotency-record.js';
import type { Change } from '../../core/incident/lifecycle.js';
import { incidentHeadSchema, timelineUpdateSchema } from '../../core/incident/model.js';
import type { IncidentHead, TimelineUpdate } from '../../core/incident/model.js';
import type { IncidentPage, IncidentState, IncidentStore, StoredIncident } from '../../core/ports/incident-store.js';
import { IdempotencyKeyTaken, TransientWriteConflict, VersionConflict } from '../../core/ports/store-errors.js';
import { itemTypes, tableDefinition } from '../../core/store/table-definition.js';
import { batchGetAll } from './batch-get-all.js';
import { idempotencyItem } from './dynamo-idempotency-records.js';
import { incidentIndexKeys, incidentKeys, maintenanceIndexKeys } from './item-keys.js';
import { isMaintenanceHead } from '../../core/maintenance/maintenance-head.js';
import { maintenancePhaseOf } from '../../core/maintenance/maintenance-phase.js';
import type { MaintenancePhase } from '../../core/maintenance/maintenance-phase.js';
import { decodeCursor, encodeCursor } from './page-cursor.js';
import { queryAll } from './query-all.js';

const { byState, byStart } = tableDefinition.indexes;

/**
 * Incidents and their timelines in the single table. Every accepted change is one transaction: the
 * head is written only if its version is still the one the change was computed from, and the new
 * timeline item only if its seq is free, so racing commanders can never both win nor leave a gap.
 *
 * @example
 * const incidents = new DynamoIncidentStore(db, tableName);
 * await incidents.commit(change, head.version);
 */
export class DynamoIncidentStore implements IncidentStore {
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

  async getUpdate(incidentId: string, seq: number): Promise<TimelineUpdate | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: incidentKeys.partition(incidentId), sk: incidentKeys.update(seq) }, ConsistentRead: true }),
    );
    return Item ? timelineUpdateSchema.parse(Item) : undefined;
  }

  async getIncident(incidentId: string, throughSeq?: number): Promise<StoredIncident | undefined> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': incidentKeys.partition(incidentId) },
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

  async timelinesOf(heads: readonly IncidentHead[]): Promise<Map<string, TimelineUpdate[]>> {
    // A head's version is its last seq (every change appends one update), so every key is known up front.
    const keys = heads.flatMap((head) =>
      Array.from({ length: head.version }, (_, index) => ({ pk: incidentKeys.partition(head.id), sk: incidentKeys.update(index + 1) })),
    );
    const timelines = new Map(heads.map((head): [string, TimelineUpdate[]] => [head.id, []]));
    for (const item of await batchGetAll(this.db, this.tableName, keys)) {
      const update = timelineUpdateSchema.parse(item);
      timelines.get(update.incidentId)?.push(update);
    }
    for (const updates of timelines.values()) updates.sort((a, b) => a.seq - b.seq);
    return timelines;
  }

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
                      // An expired record may still sit in the table until TTL sweeps it; it no longer counts
                      // from the second it expires (as for `find`), so no second leaves a key unusable.
                      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :nowSeconds',
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

  async listIncidents(state: IncidentState, limit: number, cursor?: string): Promise<IncidentPage> {
    if (state === 'all') return this.indexPage(byStart, incidentIndexKeys.all, { newestFirst: true, limit, cursor });
    return this.indexPage(byState, incidentIndexKeys.state(state), { newestFirst: true, limit, cursor });
  }

  async listMaintenances(phase: MaintenancePhase, limit: number, cursor?: string): Promise<IncidentPage> {
    // Upcoming and active windows soonest first; past ones latest first.
    return this.indexPage(byState, maintenanceIndexKeys.phase(phase), { newestFirst: phase === 'past', limit, cursor });
  }

  /** One page of heads of an index partition, the cursor pinned to that partition. */
  private async indexPage(
    index: typeof byState | typeof byStart,
    partitionValue: string,
    page: { newestFirst: boolean; limit: number; cursor: string | undefined },
  ): Promise<IncidentPage> {
    const { Items = [], LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':pk': partitionValue },
        ScanIndexForward: !page.newestFirst,
        Limit: page.limit,
        ExclusiveStartKey:
          page.cursor === undefined
            ? undefined
            : decodeCursor(page.cursor, {
                parameter: 'cursor',
                pinned: { [index.partitionKey]: partitionValue },
                attributes: [tableDefinition.partitionKey, tableDefinition.sortKey, index.partitionKey, index.sortKey],
              }),
      }),
    );
    return {
      heads: Items.map((item) => incidentHeadSchema.parse(item)),
      nextCursor: LastEvaluatedKey ? encodeCursor(LastEvaluatedKey) : null,
    };
  }

  async listOpen(): Promise<IncidentHead[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: byState.indexName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': byState.partitionKey },
      ExpressionAttributeValues: { ':pk': incidentIndexKeys.state('open') },
      ScanIndexForward: false,
    });
    return items.map((item) => incidentHeadSchema.parse(item));
  }
}

function headItem(head: IncidentHead): Record<string, unknown> {
  if (isMaintenanceHead(head)) {
    // Listed by phase and start, apart from the incidents, so no incident listing ever shows one.
    return {
      pk: incidentKeys.partition(head.id),
      sk: incidentKeys.head,
      type: itemTypes.incident,
      [byState.partitionKey]: maintenanceIndexKeys.phase(maintenancePhaseOf(head.status)),
      [byStart.partitionKey]: maintenanceIndexKeys.all,
      [byState.sortKey]: maintenanceIndexKeys.scheduled(head.window.scheduledFor, head.id),
      ...head,
    };
  }
  return {
    pk: incidentKeys.partition(head.id),
    sk: incidentKeys.head,
    type: itemTypes.incident,
    [byState.partitionKey]: incidentIndexKeys.state(head.status === 'resolved' ? 'resolved' : 'open'),
    [byStart.partitionKey]: incidentIndexKeys.all,
    [byState.sortKey]: incidentIndexKeys.started(head.startedAt, head.id),
    ...head,
  };
}

/** The transaction's cancellation reasons, in item order (head, update, idempotency), become domain errors. */
function translateCancellation(error: unknown): unknown {
  if (!(error instanceof TransactionCanceledException)) return error;
  const [headReason, updateReason, idempotencyReason] = error.CancellationReasons ?? [];
  if (headReason?.Code === 'ConditionalCheckFailed' || updateReason?.Code === 'ConditionalCheckFailed') {
    return new VersionConflict('the incident changed while this update was being written', { cause: error });
  }
  if (idempotencyReason?.Code === 'ConditionalCheckFailed') {
    return new IdempotencyKeyTaken('the Idempotency-Key was used by a request that finished first', { cause: error });
  }
  if ((error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict')) {
    return new TransientWriteConflict('another transaction touched the same items', { cause: error });
  }
  return error;
}
