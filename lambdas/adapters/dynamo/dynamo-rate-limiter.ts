import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { RateLimiter } from '../../core/ports/rate-limiter.js';
import { itemTypes, tableDefinition } from '../../core/store/table-definition.js';
import { rateWindowKeys } from './item-keys.js';

/** TTL removes a window this long after it ended (TTL is lazy anyway; the margin only keeps it readable meanwhile). */
const expiryMarginSeconds = 60;

/**
 * Fixed-window counting in the single table, shared by every container: one item per client key and
 * window, counted with one conditional `ADD`, so concurrent requests can never take more than the
 * limit between them. A refused request writes nothing and learns when the window ends.
 *
 * @example
 * const limiter = new DynamoRateLimiter(db, tableName);
 * const { allowed, retryAfterSeconds } = await limiter.take(`subscribe#${ip}`, { limit: 20, windowSeconds: 60 }, Date.now());
 */
export class DynamoRateLimiter implements RateLimiter {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async take(key: string, rule: { limit: number; windowSeconds: number }, nowMs: number): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
    const windowStart = Math.floor(nowMs / 1000 / rule.windowSeconds) * rule.windowSeconds;
    const windowEnd = windowStart + rule.windowSeconds;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: rateWindowKeys.partition(key, windowStart), sk: rateWindowKeys.record },
          UpdateExpression: 'ADD #count :one SET #type = :type, #expiresAt = :expiresAt',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
          ExpressionAttributeNames: { '#count': 'count', '#type': tableDefinition.typeAttribute, '#expiresAt': tableDefinition.timeToLiveAttribute },
          ExpressionAttributeValues: { ':one': 1, ':limit': rule.limit, ':type': itemTypes.rateWindow, ':expiresAt': windowEnd + expiryMarginSeconds },
        }),
      );
      return { allowed: true, retryAfterSeconds: 0 };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(windowEnd - nowMs / 1000)) };
    }
  }
}
