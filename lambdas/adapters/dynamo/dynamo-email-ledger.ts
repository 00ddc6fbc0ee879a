import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import '../../core/validation/english-issues.js';
import type { IncidentMailBatch, PlanPageTask } from '../../core/email/email-tasks.js';
import type { DeliveryKey } from '../../core/ports/delivery-ledger.js';
import type {
  BatchCounts,
  BegunDelivery,
  EmailLedger,
  FirstPage,
  PlannedPage,
  RecipientClaim,
  RecordedPage,
  RecipientKey,
  RecipientOutcome,
  SettledRecipient,
} from '../../core/ports/email-ledger.js';
import { itemTypes } from '../../core/store/table-definition.js';
import { batchGetAll } from './batch-get-all.js';
import { cancelledByCondition } from './cancelled-by-condition.js';
import { recipientRecordExpiry } from './recipient-record-expiry.js';
import { sendConditionally } from './send-conditionally.js';
import type { StoreTables } from './dynamo-stores.js';
import { deliveryRowKey, mailKeys, mailRequestKeys } from './item-keys.js';

const recordedPageSchema = z.object({ subscriberIds: z.array(z.string()), nextCursor: z.nullable(z.string()), queued: z._default(z.boolean(), false) });
const planningSchema = z.object({ firstPagesQueued: z._default(z.boolean(), false) });
const recipientRowSchema = z.object({ state: z.enum(['sending', 'sent', 'failed', 'suppressed']), locale: z.string(), leaseUntil: z.optional(z.number()) });
const progressSchema = z.object({ state: z.string(), outstanding: z.optional(z.number()), shardsPending: z.optional(z.number()) });
const mailRequestRowSchema = z.object({ sentAt: z.optional(z.string()), leaseUntil: z.optional(z.number()) });


/**
 * The email ledger: delivery rows and mail requests in the main table, the rest in the recipient table. Pages and batches of an update × locale live in one
 * partition (a record per 500 and per 50 recipients); recipients in a partition per update and
 * shard, so a million recipients are written to many partitions. Every count moves in the same
 * transaction as the record that makes it happen once (a page, a batch).
 *
 * @example
 * const ledger = new DynamoEmailLedger(db, { tableName, recipientTableName });
 * const page = await ledger.recordPage(task, { subscriberIds, nextCursor }, now);
 */
export class DynamoEmailLedger implements EmailLedger {
  /** Delivery rows and mail requests: the main table, whose stream and readers know them. */
  private readonly tableName: string;
  /** Plan pages, send batches and recipients: the recipient table, off the stream. */
  private readonly recipientTableName: string;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    tables: StoreTables,
  ) {
    this.tableName = tables.tableName;
    this.recipientTableName = tables.recipientTableName;
  }

  async beginPlanning(delivery: DeliveryKey, firstPages: readonly FirstPage[], now: string): Promise<BegunDelivery> {
    const planned = firstPages.reduce((sum, page) => sum + page.subscriberIds.length, 0);
    const shardsPending = firstPages.filter((page) => page.nextCursor !== null).length;
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: deliveryRowKey(delivery),
                UpdateExpression: 'SET recipients = :counts, shardsPending = :shardsPending, outstanding = :planned, updatedAt = :now',
                // The fan-out writes the row before it publishes; a row already begun is left as it is.
                ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(shardsPending)',
                ExpressionAttributeValues: { ':counts': { planned, sent: 0, failed: 0, suppressed: 0 }, ':shardsPending': shardsPending, ':planned': planned, ':now': now },
              },
            },
            ...firstPages.map((page) => ({
              Put: {
                TableName: this.recipientTableName,
                Item: { ...pageKey({ ...delivery, shard: page.shard, page: 0 }), type: itemTypes.mailPage, subscriberIds: page.subscriberIds, nextCursor: page.nextCursor, queued: false, plannedAt: now, expiresAt: recipientRecordExpiry(now) },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            })),
          ],
        }),
      );
      return { firstPages: [...firstPages], firstPagesQueued: false };
    } catch (error) {
      // Pages and row are written together or not at all: a cancelled start means an earlier one did it all.
      if (!cancelledByCondition(error)) throw error;
      return this.begunDelivery(delivery, firstPages.map((page) => page.shard));
    }
  }

  private async begunDelivery(delivery: DeliveryKey, shards: readonly number[]): Promise<BegunDelivery> {
    const { Item: row } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: deliveryRowKey(delivery), ConsistentRead: true }));
    if (!row) throw new Error(`no email delivery row for update ${delivery.seq} of ${delivery.incidentId} in ${delivery.locale}: the fan-out writes it before publishing`);
    const keys = shards.map((shard) => pageKey({ ...delivery, shard, page: 0 }));
    const pages = new Map((await batchGetAll(this.db, this.recipientTableName, keys)).map((item) => [String(item['sk']), item]));
    const firstPages = shards.map((shard, index) => {
      const item = pages.get(keys[index]!.sk);
      if (!item) throw new Error(`the email delivery of update ${delivery.seq} of ${delivery.incidentId} in ${delivery.locale} was begun without the first page of shard ${shard}`);
      const { subscriberIds, nextCursor } = recordedPageSchema.parse(item);
      return { shard, subscriberIds, nextCursor };
    });
    return { firstPages, firstPagesQueued: planningSchema.parse(row).firstPagesQueued };
  }

  async markFirstPagesQueued(delivery: DeliveryKey, now: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: deliveryRowKey(delivery),
        UpdateExpression: 'SET firstPagesQueued = :true, updatedAt = :now',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':true': true, ':now': now },
      }),
    );
  }

  async markPageQueued(task: PlanPageTask, now: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.recipientTableName,
        Key: pageKey(task),
        UpdateExpression: 'SET queued = :true, queuedAt = :now',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':true': true, ':now': now },
      }),
    );
  }

  async recordPage(task: PlanPageTask, page: PlannedPage, now: string): Promise<RecordedPage> {
    const planned = page.subscriberIds.length;
    const lastPage = page.nextCursor === null;
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.recipientTableName,
                Item: { ...pageKey(task), type: itemTypes.mailPage, ...page, queued: false, plannedAt: now, expiresAt: recipientRecordExpiry(now) },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: deliveryRowKey({ ...task, channel: 'email' }),
                UpdateExpression: `ADD recipients.planned :planned, outstanding :planned${lastPage ? ', shardsPending :minusOne' : ''} SET updatedAt = :now`,
                ExpressionAttributeValues: { ':planned': planned, ':now': now, ...(lastPage ? { ':minusOne': -1 } : {}) },
              },
            },
          ],
        }),
      );
      return { ...page, queued: false };
    } catch (error) {
      if (!cancelledByCondition(error, 0)) throw error;
      const { Item } = await this.db.send(new GetCommand({ TableName: this.recipientTableName, Key: pageKey(task), ConsistentRead: true }));
      return recordedPageSchema.parse(Item);
    }
  }

  async claimRecipient(key: RecipientKey, locale: string, nowMs: number, leaseUntil: number, now: string): Promise<RecipientClaim> {
    const claimed = await sendConditionally(this.db, 
      new UpdateCommand({
        TableName: this.recipientTableName,
        Key: recipientKey(key),
        UpdateExpression: 'SET #type = :type, #state = :sending, locale = :locale, leaseUntil = :lease, attempts = if_not_exists(attempts, :zero) + :one, updatedAt = :now, expiresAt = :expiresAt',
        // A released recipient has no lease at all: it is as free to claim as one whose lease ran out.
        ConditionExpression: 'attribute_not_exists(pk) OR (#state = :sending AND (attribute_not_exists(leaseUntil) OR leaseUntil < :nowMs))',
        ExpressionAttributeNames: { '#type': 'type', '#state': 'state' },
        ExpressionAttributeValues: {
          ':type': itemTypes.mailRecipient,
          ':sending': 'sending',
          ':locale': locale,
          ':lease': leaseUntil,
          ':zero': 0,
          ':one': 1,
          ':now': now,
          ':nowMs': nowMs,
          ':expiresAt': recipientRecordExpiry(now),
        },
      }),
    );
    return claimed ? { outcome: 'claimed' } : this.recipientClaimOf(key);
  }

  async settleRecipient(key: RecipientKey, outcome: RecipientOutcome, now: string): Promise<boolean> {
    const sets = ['#state = :state', 'updatedAt = :now'];
    const values: Record<string, unknown> = { ':state': outcome.state, ':now': now, ':sending': 'sending' };
    if (outcome.messageId !== undefined) {
      sets.push('messageId = :messageId');
      values[':messageId'] = outcome.messageId;
    }
    if (outcome.detail !== undefined) {
      sets.push('detail = :detail');
      values[':detail'] = outcome.detail;
    }
    return sendConditionally(this.db, 
      new UpdateCommand({
        TableName: this.recipientTableName,
        Key: recipientKey(key),
        UpdateExpression: `SET ${sets.join(', ')} REMOVE leaseUntil`,
        ConditionExpression: '#state = :sending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: values,
      }),
    );
  }

  async releaseRecipient(key: RecipientKey, detail: string, now: string): Promise<void> {
    await sendConditionally(this.db, 
      new UpdateCommand({
        TableName: this.recipientTableName,
        Key: recipientKey(key),
        UpdateExpression: 'SET detail = :detail, updatedAt = :now REMOVE leaseUntil',
        ConditionExpression: '#state = :sending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':detail': detail, ':now': now, ':sending': 'sending' },
      }),
    );
  }

  async skipRecipient(key: RecipientKey, locale: string, reason: string, now: string): Promise<RecipientClaim> {
    const written = await sendConditionally(this.db, 
      new PutCommand({
        TableName: this.recipientTableName,
        Item: { ...recipientKey(key), type: itemTypes.mailRecipient, state: 'suppressed', locale, detail: reason, attempts: 0, updatedAt: now, expiresAt: recipientRecordExpiry(now) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return written ? { outcome: 'settled', state: 'suppressed', locale } : this.recipientClaimOf(key);
  }

  async isBatchRecorded(batch: IncidentMailBatch): Promise<boolean> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.recipientTableName, Key: batchKey(batch), ConsistentRead: true }));
    return Item !== undefined;
  }

  async recordBatch(batch: IncidentMailBatch, counts: BatchCounts, now: string): Promise<boolean> {
    const settled = counts.sent + counts.failed + counts.suppressed;
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.recipientTableName,
                Item: {
                  ...batchKey(batch),
                  type: itemTypes.mailBatch,
                  ...counts,
                  settledAt: now,
                  expiresAt: recipientRecordExpiry(now),
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: deliveryRowKey({ ...batch, channel: 'email' }),
                UpdateExpression: 'ADD recipients.sent :sent, recipients.failed :failed, recipients.suppressed :suppressed, outstanding :settled SET updatedAt = :now',
                ExpressionAttributeValues: { ':sent': counts.sent, ':failed': counts.failed, ':suppressed': counts.suppressed, ':settled': -settled, ':now': now },
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
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: deliveryRowKey(delivery), ConsistentRead: true }));
    const progress = Item ? progressSchema.parse(Item) : undefined;
    if (progress?.state !== 'pending' || progress.outstanding !== 0 || progress.shardsPending !== 0) return false;
    return sendConditionally(this.db, 
      new UpdateCommand({
        TableName: this.tableName,
        Key: deliveryRowKey(delivery),
        UpdateExpression: 'SET #state = :sent, updatedAt = :now',
        ConditionExpression: '#state = :pending AND outstanding = :zero AND shardsPending = :zero',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sent': 'sent', ':pending': 'pending', ':zero': 0, ':now': now },
      }),
    );
  }

  async claimMailRequest(requestId: string, nowMs: number, leaseUntil: number, now: string): Promise<'claimed' | 'done' | 'in-flight-elsewhere'> {
    const claimed = await sendConditionally(this.db, 
      new UpdateCommand({
        TableName: this.tableName,
        Key: mailRequestKey(requestId),
        UpdateExpression: 'SET leaseUntil = :lease, attempts = if_not_exists(attempts, :zero) + :one, updatedAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(sentAt) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :nowMs)',
        ExpressionAttributeValues: { ':lease': leaseUntil, ':zero': 0, ':one': 1, ':now': now, ':nowMs': nowMs },
      }),
    );
    if (claimed) return 'claimed';
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: mailRequestKey(requestId), ConsistentRead: true }));
    // A request no longer in the table expired unsent long ago: there is nothing left to do for it.
    if (!Item) return 'done';
    return mailRequestRowSchema.parse(Item).sentAt !== undefined ? 'done' : 'in-flight-elsewhere';
  }

  async settleMailRequest(requestId: string, result: { messageId?: string; detail?: string }, now: string): Promise<void> {
    await sendConditionally(this.db, 
      new UpdateCommand({
        TableName: this.tableName,
        Key: mailRequestKey(requestId),
        UpdateExpression: `SET sentAt = :now${result.messageId ? ', messageId = :messageId' : ''}${result.detail ? ', detail = :detail' : ''} REMOVE leaseUntil`,
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(sentAt)',
        ExpressionAttributeValues: { ':now': now, ...(result.messageId ? { ':messageId': result.messageId } : {}), ...(result.detail ? { ':detail': result.detail } : {}) },
      }),
    );
  }

  async releaseMailRequest(requestId: string, detail: string, now: string): Promise<void> {
    await sendConditionally(this.db, 
      new UpdateCommand({
        TableName: this.tableName,
        Key: mailRequestKey(requestId),
        UpdateExpression: 'SET detail = :detail, updatedAt = :now REMOVE leaseUntil',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(sentAt)',
        ExpressionAttributeValues: { ':detail': detail, ':now': now },
      }),
    );
  }

  private async recipientClaimOf(key: RecipientKey): Promise<RecipientClaim> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.recipientTableName, Key: recipientKey(key), ConsistentRead: true }));
    if (!Item) return { outcome: 'in-flight-elsewhere' };
    const row = recipientRowSchema.parse(Item);
    if (row.state !== 'sending') return { outcome: 'settled', state: row.state as SettledRecipient, locale: row.locale };
    return { outcome: 'in-flight-elsewhere', ...(row.leaseUntil === undefined ? {} : { leaseUntil: row.leaseUntil }) };
  }

}


function recipientKey(key: RecipientKey) {
  return { pk: mailKeys.recipientPartition(key.incidentId, key.seq, key.shard), sk: mailKeys.recipient(key.subscriberId) };
}

function pageKey(task: Pick<PlanPageTask, 'incidentId' | 'seq' | 'locale' | 'shard' | 'page'>) {
  return { pk: mailKeys.pagePartition(task.incidentId, task.seq, task.locale), sk: mailKeys.page(task.shard, task.page) };
}

function batchKey(batch: IncidentMailBatch) {
  return { pk: mailKeys.pagePartition(batch.incidentId, batch.seq, batch.locale), sk: mailKeys.batch(batch.shard, batch.page, batch.batch) };
}

function mailRequestKey(requestId: string) {
  return { pk: mailRequestKeys.partition(requestId), sk: mailRequestKeys.record };
}

