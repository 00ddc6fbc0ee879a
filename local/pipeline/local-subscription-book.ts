import { randomBytes } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { subscriberKeys, subscriptionTokenKeys } from '../../lambdas/adapters/dynamo/item-keys.js';
import { queryAll } from '../../lambdas/adapters/dynamo/query-all.js';
import type { FilterPolicy } from '../../lambdas/core/channels/channel-catalog.js';
import type { EmailSubscriptions } from '../../lambdas/core/ports/email-subscriptions.js';
import { itemTypes } from '../../lambdas/core/store/table-definition.js';
import type { Config } from '../../lambdas/core/config/config-schema.js';
import type { EmailOutbox } from './email-outbox.js';
import { subscriptionMailText } from './subscription-mail-text.js';

const subscriberSchema = z.object({
  email: z.string(),
  locale: z.string(),
  filterPolicy: z.record(z.string(), z.array(z.string())),
  state: z.enum(['pending', 'confirmed']),
  confirmToken: z.string(),
  unsubscribeToken: z.string(),
});

export type LocalSubscriber = z.infer<typeof subscriberSchema>;

const tokenSchema = z.object({ email: z.string(), purpose: z.enum(['confirm', 'unsubscribe']) });

/**
 * The local stand-in for SNS email subscriptions, with the same double opt-in: a confirmation mail
 * with a single-purpose, unguessable link; only confirmed addresses get incident mail.
 */
export class LocalSubscriptionBook implements EmailSubscriptions {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly config: Config,
    private readonly outbox: EmailOutbox,
    private readonly publicUrl: () => string,
  ) {}

  async subscribe(email: string, filterPolicy: FilterPolicy, locale: string): Promise<void> {
    const address = email.toLowerCase();
    const existing = await this.find(address);
    // Re-subscribing never downgrades a confirmed address (anyone may post any address here).
    if (existing?.state === 'confirmed') return;
    const subscriber: LocalSubscriber = existing ?? {
      email: address,
      locale,
      filterPolicy,
      state: 'pending',
      confirmToken: newToken(),
      unsubscribeToken: newToken(),
    };
    if (!existing) {
      await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...subscriberKey(address), type: itemTypes.subscription, ...subscriber } }));
      await this.putToken(subscriber.confirmToken, { email: address, purpose: 'confirm' });
      await this.putToken(subscriber.unsubscribeToken, { email: address, purpose: 'unsubscribe' });
    }
    const link = `${this.publicUrl()}/v1/subscriptions/confirm?token=${subscriber.confirmToken}`;
    const mail = subscriptionMailText(subscriber.locale, this.config.serviceName, link);
    await this.outbox.write({ to: address, fromName: this.config.serviceName, ...mail });
  }

  /** Follows a confirm link; false when the token is unknown or not a confirm token. */
  async confirm(token: string): Promise<boolean> {
    const owner = await this.tokenOwner(token, 'confirm');
    if (!owner) return false;
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: subscriberKey(owner.email),
        UpdateExpression: 'SET #state = :confirmed',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':confirmed': 'confirmed' },
      }),
    ).catch(() => undefined);
    return true;
  }

  async unsubscribe(token: string): Promise<boolean> {
    const owner = await this.tokenOwner(token, 'unsubscribe');
    if (!owner) return false;
    const subscriber = await this.find(owner.email);
    if (subscriber) {
      await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: subscriberKey(owner.email) }));
      for (const stale of [subscriber.confirmToken, subscriber.unsubscribeToken]) {
        await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: tokenKey(stale) }));
      }
    }
    return true;
  }

  /** Every confirmed subscriber; the local topic matches their filter policies on each publish. */
  async confirmed(): Promise<LocalSubscriber[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': subscriberKeys.partition },
      ConsistentRead: true,
    });
    return items.map((item) => subscriberSchema.parse(item)).filter((subscriber) => subscriber.state === 'confirmed');
  }

  unsubscribeLink(subscriber: LocalSubscriber): string {
    return `${this.publicUrl()}/v1/subscriptions/unsubscribe?token=${subscriber.unsubscribeToken}`;
  }

  private async find(email: string): Promise<LocalSubscriber | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: subscriberKey(email), ConsistentRead: true }));
    return Item ? subscriberSchema.parse(Item) : undefined;
  }

  private async putToken(token: string, owner: z.infer<typeof tokenSchema>): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...tokenKey(token), type: itemTypes.subscription, ...owner } }));
  }

  private async tokenOwner(token: string, purpose: 'confirm' | 'unsubscribe') {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: tokenKey(token), ConsistentRead: true }));
    const owner = Item ? tokenSchema.parse(Item) : undefined;
    return owner?.purpose === purpose ? owner : undefined;
  }
}

function subscriberKey(email: string) {
  return { pk: subscriberKeys.partition, sk: subscriberKeys.address(email) };
}

function tokenKey(token: string) {
  return { pk: subscriptionTokenKeys.partition(token), sk: subscriptionTokenKeys.record };
}

/** 256 random bits: unguessable, and each token does one thing only. */
function newToken(): string {
  return randomBytes(32).toString('base64url');
}
