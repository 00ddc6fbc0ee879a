import { partitionKeyPrefixes } from '../lambdas/core/store/table-definition.js';

/** The two tables of `table-definition.ts`: `main` (`tableDefinition`) and `recipient` (`recipientTableDefinition`). */
export type TableKind = 'main' | 'recipient';

/**
 * The item actions a function may be granted. Not here, on purpose: Scan (it reads every partition,
 * and a `dynamodb:LeadingKeys` condition does not hold it back), DeleteItem and BatchWriteItem (expiry
 * is TTL's; the one deletion, of a webhook subscriber by its owner, is `deletesIn`'s, held to its own
 * partition), and the stream and table-level actions.
 */
export type ItemAction = 'dynamodb:GetItem' | 'dynamodb:BatchGetItem' | 'dynamodb:Query' | 'dynamodb:PutItem' | 'dynamodb:UpdateItem' | 'dynamodb:ConditionCheckItem';

/** The item actions that change nothing. */
export const readItemActions: readonly ItemAction[] = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];

export interface TableAccess {
  /** What the function's code calls on the table's items (a transaction needs the action of each of its items). */
  readonly items: readonly ItemAction[];
  /**
   * The partition key prefixes (`partitionKeyPrefixes`) of every item it reads or writes: the grant
   * holds only for keys that start with one of them (`dynamodb:LeadingKeys`).
   */
  readonly partitions: readonly string[];
  /** It queries the table's global secondary indexes, whose partition keys are not the table's. @default false */
  readonly queriesIndexes?: boolean;
  /**
   * The partitions (some of `partitions`) whose items it deletes: DeleteItem is granted in its own
   * statement, held to these alone, so a function that deletes webhook subscribers cannot delete
   * anything else it may write. @default none
   */
  readonly deletesIn?: readonly string[];
}

const { main, recipient } = partitionKeyPrefixes;

/**
 * What each function (by its entry point under `lambdas/handlers/`) may do to each table: exactly the
 * DynamoDB calls its code can make, on exactly the partitions it builds keys for. Written down once
 * here; tests/infra/least-privilege.test.ts derives the calls and partitions from each entry point's
 * source and fails when this list grants one the code never makes, or misses one it does.
 *
 * @example
 * tableAccess['x-channel']?.main; // { items: ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:Query'], partitions: ['LEDGER#'] }
 */
export const tableAccess: Readonly<Record<string, Readonly<Partial<Record<TableKind, TableAccess>>>>> = {
  // Incidents and their idempotency records in one transaction, delivery rows and redrives, the
  // subscription form's rate windows and mail requests; subscribers and their addresses.
  api: {
    main: {
      items: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      partitions: [main.incident, main.idempotency, main.ledger, main.rateWindow, main.mailRequest],
      queriesIndexes: true,
    },
    // Webhook subscribers: created, listed, and deleted by their owner (DELETE /v1/webhooks/{id}).
    recipient: {
      items: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
      partitions: [recipient.subscriber, recipient.address, recipient.webhook],
      queriesIndexes: true,
      deletesIn: [recipient.webhook],
    },
  },
  'read-api': {
    main: { items: ['dynamodb:BatchGetItem', 'dynamodb:Query'], partitions: [main.incident, main.feed], queriesIndexes: true },
  },
  // The incident or window an update preview applies to, read by its id (one Query of its partition);
  // a preview stores and sends nothing.
  'preview-api': {
    main: { items: ['dynamodb:Query'], partitions: [main.incident] },
  },
  // Delivery rows and publish records; the update itself comes from the stream.
  fanout: {
    main: { items: ['dynamodb:PutItem', 'dynamodb:Query'], partitions: [main.ledger] },
  },
  'x-channel': {
    main: { items: ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:Query'], partitions: [main.ledger] },
  },
  // The feed item and its written-once record in one transaction, then the delivery row.
  'inapp-channel': {
    main: { items: ['dynamodb:PutItem', 'dynamodb:UpdateItem'], partitions: [main.ledger, main.feed, main.feedWritten] },
  },
  // The update, the email delivery row; the confirmed audience, plan pages.
  'email-planner': {
    main: { items: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], partitions: [main.incident, main.ledger] },
    recipient: {
      items: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      partitions: [recipient.mailPlan],
      queriesIndexes: true,
    },
  },
  // The update, the delivery row, mail requests; subscribers, send batches, one record per recipient.
  'email-sender': {
    main: { items: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], partitions: [main.incident, main.ledger, main.mailRequest] },
    recipient: {
      items: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      partitions: [recipient.subscriber, recipient.mailPlan, recipient.mailRecipient],
    },
  },
  // The update, the webhook delivery row; every webhook subscriber, one record per subscriber planned.
  'webhook-planner': {
    main: { items: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], partitions: [main.incident, main.ledger] },
    recipient: { items: ['dynamodb:Query', 'dynamodb:PutItem'], partitions: [recipient.webhook, recipient.webhookRecipient] },
  },
  // The update, the delivery row and its recipient counts; the subscriber and its health, its record.
  'webhook-sender': {
    main: { items: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'], partitions: [main.incident, main.ledger] },
    recipient: { items: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], partitions: [recipient.webhook, recipient.webhookRecipient] },
  },
  // A subscriber found by address and saved suppressed. Saving a subscriber can carry a mail request
  // in the same transaction (the API's confirmations do); suppression never does, but it is the same
  // store method, so the put of a mail request stays granted.
  'ses-events': {
    main: { items: ['dynamodb:PutItem'], partitions: [main.mailRequest] },
    recipient: { items: ['dynamodb:GetItem', 'dynamodb:PutItem'], partitions: [recipient.subscriber, recipient.address] },
  },
  // The head: read, then marked overdue and reminded, each conditional on its version; a maintenance
  // window's change committed as any change is (head and update in one transaction). That commit can
  // carry an idempotency record (the API's); a timer passes none, yet the key is built in its code.
  timer: {
    main: { items: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], partitions: [main.incident, main.idempotency] },
  },
  'status-snapshot': {
    main: { items: ['dynamodb:BatchGetItem', 'dynamodb:Query'], partitions: [main.incident, main.feed], queriesIndexes: true },
  },
};
