/**
 * The single table's shape, declared once: the CDK store construct and the local runtime's
 * CreateTable both read it, so the deployed and the local table cannot drift apart.
 * Plain data on purpose: importing it pulls no SDK into the CDK app.
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
    /**
     * Confirmed subscribers only (a sparse index: the key is removed when a subscriber leaves that
     * state), by locale and shard (`AUDIENCE#<locale>#<shard>`): what the email planner reads.
     */
    audience: { indexName: 'audience', partitionKey: 'audiencePk', sortKey: 'audienceSk' },
    /** Every subscriber by shard (`SUBSCRIBERS#<shard>`), newest first: the commander's export. */
    subscriberList: { indexName: 'subscriberList', partitionKey: 'listPk', sortKey: 'listSk' },
  },
} as const;

export type TableIndex = (typeof tableDefinition.indexes)[keyof typeof tableDefinition.indexes];

/** The global secondary indexes in declaration order, for code that creates them all. */
export const globalSecondaryIndexes: readonly TableIndex[] = Object.values(tableDefinition.indexes);

/** Every key attribute is a string. */
export const keyAttributeNames: readonly string[] = [
  tableDefinition.partitionKey,
  tableDefinition.sortKey,
  ...new Set(globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey])),
];

export const itemTypes = {
  incident: 'incident',
  update: 'update',
  delivery: 'delivery',
  publish: 'publish',
  feed: 'feed',
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
} as const;
