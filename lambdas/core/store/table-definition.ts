interface TableIndexShape {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
}

export interface TableShape {
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly timeToLiveAttribute: string;
  readonly streamViewType?: 'NEW_IMAGE';
  readonly typeAttribute?: string;
  readonly indexes: Readonly<Record<string, TableIndexShape>>;
}

/**
 * The two tables' shapes, declared once: the CDK store construct and the local runtime's
 * CreateTable both read them, so the deployed and the local tables cannot drift apart.
 * Plain data on purpose: importing it pulls no SDK into the CDK app.
 *
 * The main table holds incidents, their timelines, the delivery rows, the feed and everything the
 * fan-out must see on its stream.
 */
export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Holds an epoch-seconds expiry; DynamoDB's TTL removes idempotency records after 24 h. */
  timeToLiveAttribute: 'expiresAt',
  /** The fan-out consumes new timeline items from the stream; the item itself is all it needs. */
  streamViewType: 'NEW_IMAGE',
  /** Discriminates item types; the fan-out's stream filter keeps only `type = update`. */
  typeAttribute: 'type',
  indexes: {
    /** Incidents of one state (`STATE#open`, `STATE#resolved`), newest first. */
    byState: { indexName: 'byState', partitionKey: 'statePk', sortKey: 'startedSk' },
    /** Every incident, newest first (`state=all`). Incidents are few; one partition serves them. */
    byStart: { indexName: 'byStart', partitionKey: 'allPk', sortKey: 'startedSk' },
  },
} as const satisfies TableShape;

/**
 * The recipient table holds the subscriber list and the email channel's per-recipient records
 * (plan pages, send batches, one item per recipient and update). It has no stream on purpose: a
 * million-recipient send writes millions of items, and on the main table's stream they would queue
 * ahead of the next update the fan-out has to see (a shard is read in order), for a consumer that
 * drops them all.
 */
export const recipientTableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Plan and recipient records expire 90 days after the send. */
  timeToLiveAttribute: 'expiresAt',
  indexes: {
    /**
     * Confirmed subscribers only (a sparse index: the key is removed when a subscriber leaves that
     * state), by locale and shard (`AUDIENCE#<locale>#<shard>`): what the email planner reads.
     */
    audience: { indexName: 'audience', partitionKey: 'audiencePk', sortKey: 'audienceSk' },
    /** Every subscriber by shard (`SUBSCRIBERS#<shard>`), newest first: the commander's export. */
    subscriberList: { indexName: 'subscriberList', partitionKey: 'listPk', sortKey: 'listSk' },
  },
} as const satisfies TableShape;

/**
 * What every partition key of each table starts with, by the items under it. `item-keys.ts` builds
 * every key from these, and the stack limits each function to the partitions its code touches
 * (`dynamodb:LeadingKeys`): a key and the policy that admits it come from the same string.
 */
export const partitionKeyPrefixes = {
  main: {
    /** An incident's head and timeline. */
    incident: 'INCIDENT#',
    /** An incident's delivery rows, publish records and redrive requests. */
    ledger: 'LEDGER#',
    /** A locale's feed. */
    feed: 'FEED#',
    /** That an update's feed item of one locale was written. */
    feedWritten: 'FEEDITEM#',
    idempotency: 'IDEMPOTENCY#',
    mailRequest: 'MAILREQUEST#',
    rateWindow: 'RATE#',
  },
  recipient: {
    subscriber: 'SUBSCRIBER#',
    /** A subscriber's address, held once. */
    address: 'ADDRESS#',
    /** The plan pages and send batches of an update in a locale. */
    mailPlan: 'MAILPLAN#',
    /** The recipients of an update in a shard. */
    mailRecipient: 'MAIL#',
    /** Every webhook and chat subscriber, in one partition (they are few), oldest first. */
    webhook: 'WEBHOOKS',
    /** The webhook subscribers of an update in a locale, each delivered once. */
    webhookRecipient: 'HOOK#',
  },
} as const;

/** A table's global secondary indexes in declaration order, for code that creates them all. */
export function globalSecondaryIndexesOf(table: TableShape): readonly TableIndexShape[] {
  return Object.values(table.indexes);
}

/** Every key attribute of a table; all are strings. */
export function keyAttributeNamesOf(table: TableShape): readonly string[] {
  return [table.partitionKey, table.sortKey, ...new Set(globalSecondaryIndexesOf(table).flatMap((index) => [index.partitionKey, index.sortKey]))];
}

export const itemTypes = {
  incident: 'incident',
  update: 'update',
  delivery: 'delivery',
  publish: 'publish',
  feed: 'feed',
  /** That an update's feed item of one locale was written: what makes the write happen once. */
  feedWritten: 'feed-written',
  idempotency: 'idempotency',
  subscriber: 'subscriber',
  subscriberAddress: 'subscriber-address',
  mailRequest: 'mail-request',
  /** The email planner's record of a planned page: who it chose, where the next page starts. */
  mailPage: 'mail-page',
  /** One recipient's mail of one update: claimed, then sent, failed or suppressed, once. */
  mailRecipient: 'mail-recipient',
  /** A send batch whose recipients are all settled, counted into its delivery row once. */
  mailBatch: 'mail-batch',
  rateWindow: 'rate-window',
  /** A commander's redrive of an update's failed deliveries, for the fan-out to publish again. */
  redriveRequest: 'redrive-request',
  webhook: 'webhook',
  /** One webhook subscriber's delivery of one update: planned, then sent, failed or suppressed, once. */
  webhookRecipient: 'webhook-recipient',
} as const;
